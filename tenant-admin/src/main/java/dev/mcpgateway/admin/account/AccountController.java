package dev.mcpgateway.admin.account;

import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.Actors;
import dev.mcpgateway.admin.system.ConflictException;
import dev.mcpgateway.admin.system.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Local accounts (platform admins) and everyone's own API tokens (shown once at creation). */
@Controller
class AccountController {

    private final AccountService accounts;
    private final ApiTokenService tokens;
    private final Actors actors;

    AccountController(AccountService accounts, ApiTokenService tokens, Actors actors) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.actors = actors;
    }

    @GetMapping("/accounts")
    String accounts(Model model) {
        model.addAttribute("accounts", accounts.list(actors.current()));
        return "accounts/list";
    }

    @PostMapping("/accounts")
    String createAccount(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "false") boolean platformAdmin, Model model, RedirectAttributes redirect) {
        Actor actor = actors.current();
        try {
            accounts.create(actor, username, password, platformAdmin);
        } catch (InvalidInputException | ConflictException e) {
            String field = e instanceof InvalidInputException invalid ? invalid.field() : ((ConflictException) e).field();
            model.addAttribute(field + "Error", e.getMessage());
            model.addAttribute("username", username);
            model.addAttribute("accounts", accounts.list(actor));
            return "accounts/list";
        }
        redirect.addFlashAttribute("flash", "Account '" + username.trim().toLowerCase() + "' created.");
        return "redirect:/accounts";
    }

    @PostMapping("/accounts/{username}/delete")
    String deleteAccount(@PathVariable String username, RedirectAttributes redirect) {
        accounts.delete(actors.current(), username);
        redirect.addFlashAttribute("flash", "Account '" + username + "' deleted.");
        return "redirect:/accounts";
    }

    @PostMapping("/accounts/{username}/disable")
    String disableAccount(@PathVariable String username, RedirectAttributes redirect) {
        accounts.setEnabled(actors.current(), username, false);
        redirect.addFlashAttribute("flash", "Account '" + username + "' disabled; its sessions and API tokens ended.");
        return "redirect:/accounts";
    }

    @PostMapping("/accounts/{username}/enable")
    String enableAccount(@PathVariable String username, RedirectAttributes redirect) {
        accounts.setEnabled(actors.current(), username, true);
        redirect.addFlashAttribute("flash", "Account '" + username + "' enabled.");
        return "redirect:/accounts";
    }

    @GetMapping("/accounts/tokens")
    String allTokens(Model model) {
        model.addAttribute("tokens", tokens.all(actors.current()));
        return "accounts/all-tokens";
    }

    @PostMapping("/accounts/tokens/{id}/revoke")
    String revokeAnyToken(@PathVariable long id, RedirectAttributes redirect) {
        tokens.revokeAny(actors.current(), id);
        redirect.addFlashAttribute("flash", "Token revoked.");
        return "redirect:/accounts/tokens";
    }

    @GetMapping("/account/tokens")
    String tokens(Model model) {
        return tokensPage(actors.current(), model);
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, HttpSession session, Model model,
            RedirectAttributes redirect) {
        Actor actor = actors.current();
        try {
            accounts.changeOwnPassword(actor, currentPassword, newPassword, session.getId());
        } catch (InvalidInputException e) {
            model.addAttribute(e.field() + "Error", e.getMessage());
            return tokensPage(actor, model);
        }
        redirect.addFlashAttribute("flash", "Your password was changed; your other sessions were signed out.");
        return "redirect:/account/tokens";
    }

    private String tokensPage(Actor actor, Model model) {
        model.addAttribute("tokens", tokens.mine(actor));
        model.addAttribute("localAccount", accounts.isLocalAccount(actor));
        return "accounts/tokens";
    }

    @PostMapping("/account/tokens")
    String createToken(@RequestParam(defaultValue = "") String name, Model model, HttpServletResponse response) {
        Actor actor = actors.current();
        try {
            model.addAttribute("createdToken", tokens.create(actor, name));
            model.addAttribute("createdName", name.trim());
            response.setHeader("Cache-Control", "no-store");
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("nameError", e.getMessage());
            model.addAttribute("name", name);
        }
        return tokensPage(actor, model);
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(actors.current(), id);
        redirect.addFlashAttribute("flash", "Token revoked.");
        return "redirect:/account/tokens";
    }
}
