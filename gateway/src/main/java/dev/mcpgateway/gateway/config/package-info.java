/**
 * The gateway's one {@code @ConfigurationProperties} tree ({@code mcpgateway.*}); every other package reads its settings here.
 */
package dev.mcpgateway.gateway.config;
