package dev.mcpgateway.gateway.bootstrap;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad bootstrap file into a short startup failure report instead of a wall of bean-creation stack traces. */
class BootstrapFileFailureAnalyzer extends AbstractFailureAnalyzer<BootstrapFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BootstrapFileException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the bootstrap file (mcpgateway.bootstrap.file / MCPGATEWAY_BOOTSTRAP_FILE) or unset it."
                        + " docs/configuration.md (section \"Bootstrap file\") describes its format.", cause);
    }
}
