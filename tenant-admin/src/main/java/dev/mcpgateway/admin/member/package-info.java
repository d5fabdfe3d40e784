/**
 * A tenant's members and their access levels.
 */
package dev.mcpgateway.admin.member;
