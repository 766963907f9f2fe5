import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { errorMessage, trpc } from "../lib/trpc";

/** A token (made with `assay token create`) becomes an HttpOnly session cookie; the token is not kept. */
export function SignIn() {
  const [token, setToken] = useState("");
  const queryClient = useQueryClient();
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  return (
    <main className="sign-in">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          signIn.mutate({ token });
        }}
      >
        <h1>Assay</h1>
        <p>
          Sign in with an API token. Make one with{" "}
          <code>assay token create --name you --scope write</code>.
        </p>
        <label>
          Token
          <input
            type="password"
            name="token"
            autoComplete="off"
            autoFocus
            value={token}
            onChange={(event) => setToken(event.target.value)}
            placeholder="assay_…"
          />
        </label>
        {signIn.isError && (
          <p className="error" role="alert">
            {errorMessage(signIn.error)}
          </p>
        )}
        <button type="submit" disabled={!token || signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
