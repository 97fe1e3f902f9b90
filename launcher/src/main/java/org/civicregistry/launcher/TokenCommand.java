package org.civicregistry.launcher;

import java.nio.file.Path;

/**
 * {@code ./civic token [--role admin|editor|reviewer] [--jurisdiction slug] [--client]}: prints an
 * access token from the running platform's sign-in (Keycloak's, for one of its demo accounts or the
 * integration client), for scripts and the documentation's curl examples.
 */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]).toAbsolutePath();
        String role = "admin";
        String jurisdiction = null;
        boolean client = false;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--role" -> role = value(args, ++i);
                    case "--jurisdiction" -> jurisdiction = value(args, ++i);
                    case "--client" -> client = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!role.equals("admin") && jurisdiction == null) {
                throw new IllegalArgumentException("an " + role + " writes for a jurisdiction: add --jurisdiction <slug>");
            }
            SignIn signIn = SignIn.of(home);
            System.out.println(client ? signIn.integrationToken() : signIn.token(role, jurisdiction));
        } catch (IllegalArgumentException e) {
            System.err.println("civic token: " + e.getMessage()
                    + "\nusage: ./civic token [--role admin|editor|reviewer] [--jurisdiction <slug>] [--client]");
            System.exit(2);
        } catch (Exception e) {
            System.err.println("civic token: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
