package net.gatehouse.appliance.tmsh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.files.ConfigFiles;
import net.gatehouse.appliance.syntax.SyntaxError;
import net.gatehouse.appliance.syntax.Token;

/**
 * {@code save sys config [file F]} and {@code load sys config [default | [merge] file F] [verify]},
 * with BIG-IP's progress lines: the files written or read, then any warnings.
 */
final class SysConfigCommand {

    private final ConfigFiles files;
    private final Principal principal;

    SysConfigCommand(ConfigFiles files, Principal principal) {
        this.files = files;
        this.principal = principal;
    }

    String run(String verb, List<Token> words) throws TmshError {
        if (words.size() < 3 || !words.get(1).is("sys") || !words.get(2).is("config")) {
            throw new TmshError("Syntax Error: \"" + verb + "\" takes \"sys config\"");
        }
        List<String> options = new ArrayList<>();
        Optional<Path> file = Optional.empty();
        for (int i = 3; i < words.size(); i++) {
            Token word = words.get(i);
            if (word.is("file") && i + 1 < words.size()) {
                file = Optional.of(Path.of(words.get(++i).text()));
            } else if (word.is("merge") || word.is("verify") || word.is("default")) {
                options.add(word.text());
            } else {
                throw new TmshError("Syntax Error: \"" + word.text() + "\" unexpected argument");
            }
        }
        return verb.equals("save") ? save(file, options) : load(file, options);
    }

    private String save(Optional<Path> file, List<String> options) throws TmshError {
        if (!options.isEmpty()) {
            throw new TmshError("Syntax Error: \"" + options.get(0) + "\" unexpected argument");
        }
        StringBuilder out = new StringBuilder("Saving running configuration...\n");
        if (file.isPresent()) {
            out.append("  ").append(files.saveSingle(file.get())).append('\n');
        } else {
            files.save().forEach(written -> out.append("  ").append(written).append('\n'));
        }
        return out.toString();
    }

    private String load(Optional<Path> file, List<String> options) throws TmshError {
        boolean verify = options.contains("verify");
        boolean merge = options.contains("merge");
        try {
            ConfigFiles.LoadResult result;
            if (options.contains("default")) {
                if (merge || verify || file.isPresent()) {
                    throw new TmshError("Syntax Error: \"default\" takes no other option");
                }
                files.loadDefault(principal);
                return "Loading the factory default configuration...\n";
            }
            if (merge && file.isEmpty()) {
                throw new TmshError("Syntax Error: \"merge\" requires \"file\"");
            }
            result = file.isPresent() ? files.merge(principal, file.get(), verify)
                    : files.load(principal, verify);
            StringBuilder out = new StringBuilder(verify ? "Validating configuration...\n" : "Loading configuration...\n");
            result.files().forEach(name -> out.append("  ").append(name).append('\n'));
            result.warnings().forEach(warning -> out.append("Warning: ").append(warning).append('\n'));
            return out.toString();
        } catch (SyntaxError e) {
            throw new TmshError("Syntax Error: " + e.getMessage());
        } catch (ConfigError e) {
            throw new TmshError(e.getMessage());
        } catch (IOException e) {
            throw new TmshError("01070734:3: Configuration error: cannot read " + e.getMessage());
        }
    }
}
