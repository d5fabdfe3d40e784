package dev.mcpgateway.demo;

/** Why the demo will not start (a port taken, a jar missing, a bad option): printed as is, exit status 1. */
final class DemoRefusal extends RuntimeException {

    DemoRefusal(String message) {
        super(message);
    }
}
