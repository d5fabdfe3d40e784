/**
 * One Spring Cloud Gateway route per enabled tenant, generated from the directory, found by an indexed handler
 * mapping and rebuilt when the directory changes what routes are made of.
 */
package dev.mcpgateway.gateway.route;
