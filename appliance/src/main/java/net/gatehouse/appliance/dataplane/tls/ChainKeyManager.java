package net.gatehouse.appliance.dataplane.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The entries of one {@code cert-key-chain} side by side (an RSA and an EC certificate, say): the
 * engine asks for a key type and gets the first entry of that type. Each entry is a key slot's key
 * manager; its alias is prefixed with the entry's index so entries never collide.
 */
final class ChainKeyManager extends X509ExtendedKeyManager {

    private final List<X509KeyManager> entries;

    ChainKeyManager(List<X509KeyManager> entries) {
        this.entries = List.copyOf(entries);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        for (int i = 0; i < entries.size(); i++) {
            String alias = entries.get(i).chooseServerAlias(keyType, issuers, socket);
            if (alias != null) {
                return i + ":" + alias;
            }
        }
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String[] found = entries.get(i).getServerAliases(keyType, issuers);
            if (found != null) {
                for (String alias : found) {
                    aliases.add(i + ":" + alias);
                }
            }
        }
        return aliases.isEmpty() ? null : aliases.toArray(String[]::new);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        for (int i = 0; i < entries.size(); i++) {
            String alias = entries.get(i).chooseClientAlias(keyTypes, issuers, socket);
            if (alias != null) {
                return i + ":" + alias;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Entry entry = entry(alias);
        return entry == null ? null : entry.manager().getCertificateChain(entry.alias());
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Entry entry = entry(alias);
        return entry == null ? null : entry.manager().getPrivateKey(entry.alias());
    }

    private record Entry(X509KeyManager manager, String alias) {
    }

    private Entry entry(String alias) {
        int colon = alias == null ? -1 : alias.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        int index = Integer.parseInt(alias.substring(0, colon));
        return index < entries.size() ? new Entry(entries.get(index), alias.substring(colon + 1)) : null;
    }
}
