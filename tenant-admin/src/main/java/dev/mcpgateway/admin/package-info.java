/**
 * The control plane: Spring MVC and Thymeleaf screens and a JSON API for tenants, members, tool rules, client keys
 * and credentials. Feature packages rest on {@code system}; {@code access} (explain access) is on top.
 */
package dev.mcpgateway.admin;
