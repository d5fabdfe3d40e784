/**
 * Who signs in and how: local accounts, API tokens, and the security filter chains of the screens and the API.
 */
package dev.mcpgateway.admin.account;
