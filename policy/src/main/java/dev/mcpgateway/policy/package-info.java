/**
 * The rules both apps share, in plain Java with no framework: access levels and tool rules, the access decision,
 * tool paths and names, key hashes, tenant fields and member emails, rate limits, the credential key convention.
 */
package dev.mcpgateway.policy;
