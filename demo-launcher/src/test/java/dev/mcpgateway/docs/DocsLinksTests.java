package dev.mcpgateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md and docs/ point only at things that exist: every relative link at a file (and heading) of the repository,
 * every command the README runs at a script or module that is there. The README stays short.
 */
class DocsLinksTests {

    static final Path REPOSITORY = Paths.get(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    /** Pages other branches add in parallel; the lead removes an entry when merging the branch that adds the page. */
    private static final Set<String> PAGES_OF_BRANCHES_NOT_YET_MERGED = Set.of();

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void everyRelativeLinkInTheReadmeAndDocsPointsAtAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(withoutCodeBlocks(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http(s), mailto: outside the repository
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String relative = REPOSITORY.relativize(resolved).toString();
                if (!Files.exists(resolved)) {
                    if (!PAGES_OF_BRANCHES_NOT_YET_MERGED.contains(relative)) {
                        broken.add(REPOSITORY.relativize(page) + ": " + target + " (no such file)");
                    }
                } else if (anchor != null && relative.endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(REPOSITORY.relativize(page) + ": " + target + " (no such heading in " + relative + ")");
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyCommandTheReadmeRunsExists() throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(REPOSITORY.resolve("README.md"))) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (inCode && (line.startsWith("./") || line.startsWith("docker compose"))) {
                commands.add(line);
            }
        }
        assertThat(commands).as("the README's commands").anySatisfy(c -> assertThat(c).startsWith("./demo"))
                .anySatisfy(c -> assertThat(c).startsWith("./mvnw verify"))
                .anySatisfy(c -> assertThat(c).startsWith("docker compose up -d"));
        for (String command : commands) {
            if (command.startsWith("docker compose")) {
                assertThat(REPOSITORY.resolve("docker-compose.yml")).as(command).exists();
                continue;
            }
            Path script = REPOSITORY.resolve(command.split("\\s+")[0]);
            assertThat(script).as(command).isRegularFile();
            assertThat(Files.isExecutable(script)).as(command + " is executable").isTrue();
            Matcher module = Pattern.compile("-pl (\\S+)").matcher(command);
            while (module.find()) {
                for (String name : module.group(1).split(",")) {
                    assertThat(REPOSITORY.resolve(name).resolve("pom.xml")).as(command).exists();
                }
            }
        }
    }

    @Test
    void readmeIsAnIntroductionOfAtMost250Lines() throws IOException {
        assertThat(Files.readAllLines(REPOSITORY.resolve("README.md"))).hasSizeLessThanOrEqualTo(250);
    }

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
    static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        for (String line : withoutCodeBlocks(markdown).split("\n")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static String withoutCodeBlocks(Path markdown) throws IOException {
        StringBuilder text = new StringBuilder();
        boolean inCode = false;
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("```") || line.strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (!inCode) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }
}
