/**
 * A tenant's credentials, written into Vault and never read back: the screens show key names, versions, dates.
 */
package dev.mcpgateway.admin.credential;
