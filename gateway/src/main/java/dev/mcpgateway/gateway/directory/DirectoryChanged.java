package dev.mcpgateway.gateway.directory;

/**
 * Published (synchronously, on the reloading thread) after a new snapshot replaced the directory's current one;
 * not published when a reload found exactly what the last one did. Listeners compare what they depend on.
 *
 * @param previous the snapshot that was current before
 * @param current  the snapshot now in place
 */
public record DirectoryChanged(TenancySnapshot previous, TenancySnapshot current) {
}
