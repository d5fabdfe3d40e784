package dev.mcpgateway.admin.system;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.bootstrap.BootstrapContext;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistryInitializer;
import org.springframework.cloud.vault.config.VaultProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.config.AbstractVaultConfiguration.ClientFactoryWrapper;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.vault.support.SslConfiguration.KeyStoreConfiguration;

/**
 * Gives Spring Vault the JDK's HTTP client, whose logging cannot print headers or bodies at any log level, instead of
 * Apache HttpClient 5, whose {@code org.apache.hc.client5.http.headers}/{@code .wire} loggers print the
 * {@code X-Vault-Token} and every secret read or written at DEBUG. Registered in the bootstrap registry (META-INF/spring.factories)
 * so that the {@code vault://} config import, and the Vault beans it hands to the application, use it.
 */
public final class VaultHttpClientInitializer implements BootstrapRegistryInitializer {

    /** The bean name Spring Cloud Vault's auto-configuration gives its request factory wrapper. */
    static final String BEAN_NAME = "clientHttpRequestFactoryWrapper";

    @Override
    public void initialize(BootstrapRegistry registry) {
        registry.registerIfAbsent(ClientFactoryWrapper.class,
                context -> jdkHttpClient(context.getOrElse(VaultProperties.class, new VaultProperties())));
        registry.addCloseListener(event -> {
            BootstrapContext bootstrap = event.getBootstrapContext();
            ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
            if (vaultEnabled(bootstrap) && !beans.containsSingleton(BEAN_NAME) && !beans.containsBeanDefinition(BEAN_NAME)) {
                // the application context's Vault beans (@ConditionalOnMissingBean) then use this one too
                beans.registerSingleton(BEAN_NAME, bootstrap.get(ClientFactoryWrapper.class));
            }
        });
    }

    private static boolean vaultEnabled(BootstrapContext bootstrap) {
        return bootstrap.isRegistered(VaultProperties.class) && bootstrap.get(VaultProperties.class).isEnabled();
    }

    static ClientFactoryWrapper jdkHttpClient(VaultProperties properties) {
        ClientOptions options = new ClientOptions(Duration.ofMillis(properties.getConnectionTimeout()),
                Duration.ofMillis(properties.getReadTimeout()));
        try {
            return new ClientFactoryWrapper(ClientHttpRequestFactoryFactory.JdkHttpClient.usingJdkHttpClient(options,
                    sslConfiguration(properties.getSsl())));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the HTTP client for Vault: " + e.getMessage(), e);
        }
    }

    /** {@code spring.cloud.vault.ssl.*} as Spring Cloud Vault itself maps them. */
    private static SslConfiguration sslConfiguration(VaultProperties.Ssl ssl) {
        if (ssl == null) {
            return SslConfiguration.unconfigured();
        }
        KeyStoreConfiguration keyStore = store(ssl.getKeyStore(), ssl.getKeyStorePassword(), ssl.getKeyStoreType());
        KeyStoreConfiguration trustStore = store(ssl.getTrustStore(), ssl.getTrustStorePassword(), ssl.getTrustStoreType());
        return new SslConfiguration(keyStore, trustStore, orEmpty(ssl.getEnabledProtocols()),
                orEmpty(ssl.getEnabledCipherSuites()));
    }

    private static KeyStoreConfiguration store(Resource resource, String password, String type) {
        if (resource == null) {
            return KeyStoreConfiguration.unconfigured();
        }
        KeyStoreConfiguration store = StringUtils.hasText(password)
                ? KeyStoreConfiguration.of(resource, password.toCharArray())
                : KeyStoreConfiguration.of(resource);
        return StringUtils.hasText(type) ? store.withStoreType(type) : store;
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
