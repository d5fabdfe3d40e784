package dev.mcpgateway.admin.account;

import dev.mcpgateway.admin.system.Actors;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Local accounts for form login and the API's HTTP Basic; roles are resolved per request by {@code Actors}. */
@Service
class AccountUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;

    AccountUserDetailsService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.credentials(username.trim())
                .map(account -> User.withUsername(account.username())
                        .password(account.passwordHash())
                        .disabled(!account.enabled())
                        .authorities(List.of(new SimpleGrantedAuthority(Actors.LOCAL_ACCOUNT)))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
