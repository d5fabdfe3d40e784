/**
 * A tenant's tool rules (tool or pattern to required level, or deny) and the tools its backend offers.
 */
package dev.mcpgateway.admin.toolrule;
