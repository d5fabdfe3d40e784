/** Sign-in throttling: back-off and temporary locks after failed sign-ins, per account and per client address. */
package dev.mcpgateway.admin.signin;
