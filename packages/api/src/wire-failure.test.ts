import { InputValidationError } from "@assay/workflow";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";

import { Failure, incorrectUsage } from "./errors";
import { fromWireFailure, toWireFailure } from "./wire-failure";

/** Errors cross from the server's worker threads as data (a structured clone keeps no class). */
const roundTrip = (error: unknown) => fromWireFailure(structuredClone(toWireFailure(error)));

describe("errors as data across threads", () => {
  it("keeps invalid input's issues, a failure's kind and a refusal's code", () => {
    const invalid = roundTrip(
      new InputValidationError({ path: "lines[2].testSample", reason: "bad" }),
    );
    expect(invalid).toBeInstanceOf(InputValidationError);
    expect((invalid as InputValidationError).field).toBe("lines[2].testSample");

    const usage = roundTrip(incorrectUsage("not like that"));
    expect(usage).toBeInstanceOf(Failure);
    expect(usage).toMatchObject({ kind: "INCORRECT_USAGE", code: "UNPROCESSABLE_CONTENT" });

    const refused = roundTrip(new TRPCError({ code: "FORBIDDEN", message: "no" }));
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: "no" });
  });

  it("keeps a store error's SQLite code, and anything else's message", () => {
    const full = Object.assign(new Error("database or disk is full"), {
      name: "SqliteError",
      code: "SQLITE_FULL",
    });
    expect(roundTrip(full)).toMatchObject({ name: "SqliteError", code: "SQLITE_FULL" });
    expect(roundTrip("plain text")).toMatchObject({ message: "plain text" });
  });
});
