import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";

import { isNotFound, pageErrorMessage, parseId } from "./errors";

const failure = (message: string, data: Record<string, unknown>) =>
  Object.assign(new TRPCClientError(message), { data });

describe("route ids and API errors", () => {
  it("takes positive integers as ids and nothing else", () => {
    expect(parseId("42")).toBe(42);
    for (const bad of [undefined, "", "abc", "1.5", "-3", "0", "1e3", " 4", "9".repeat(20)])
      expect(parseId(bad)).toBeUndefined();
  });

  it("tells a 404 apart and hides the server's validation text", () => {
    expect(isNotFound(failure("model 9 not found", { httpStatus: 404 }))).toBe(true);
    expect(isNotFound(failure("boom", { httpStatus: 500 }))).toBe(false);
    expect(isNotFound(new Error("offline"))).toBe(false);
    const invalid = failure('[{"code":"invalid_type","expected":"number"}]', {
      httpStatus: 400,
      kind: "INVALID_INPUT",
    });
    expect(pageErrorMessage(invalid)).toBe("The server could not read this request.");
    expect(pageErrorMessage(new Error("offline"))).toBe("offline");
  });
});
