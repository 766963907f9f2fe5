import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { JsonEditor, JsonView, parseJsonObject, prettyJson } from "./json";

afterEach(cleanup);

describe("prettyJson", () => {
  it("writes non-finite numbers as tokens rather than null", () => {
    expect(prettyJson({ a: Number.NaN, b: [Infinity, -Infinity], c: 1.5 })).toBe(
      '{\n  "a": NaN,\n  "b": [\n    Infinity,\n    -Infinity\n  ],\n  "c": 1.5\n}',
    );
  });
});

describe("parseJsonObject", () => {
  it("accepts objects only", () => {
    expect(parseJsonObject('{"x": NaN}')).toEqual({ value: { x: Number.NaN } });
    expect(parseJsonObject("[1]")).toHaveProperty("error");
    expect(parseJsonObject("{")).toHaveProperty("error");
  });
});

describe("JsonEditor", () => {
  it("only saves a valid JSON object, and says what is wrong otherwise", () => {
    const onSave = vi.fn();
    render(
      <JsonEditor initial={{ framework: "onnx" }} onSave={onSave} onCancel={() => undefined} />,
    );
    const editor = screen.getByLabelText<HTMLTextAreaElement>("Metadata JSON");
    expect(JSON.parse(editor.value)).toEqual({ framework: "onnx" });
    const save = screen.getByRole<HTMLButtonElement>("button", { name: "Save" });

    fireEvent.change(editor, { target: { value: '["not", "an object"]' } });
    expect(screen.getByRole("alert").textContent).toMatch(/JSON object/);
    expect(save.disabled).toBe(true);
    expect(editor.getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(editor, { target: { value: '{"framework": "tflite", "epochs": 3}' } });
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(save);
    expect(onSave).toHaveBeenCalledWith({ framework: "tflite", epochs: 3 });
  });

  it("shows the server's refusal and cancels on Escape", () => {
    const onCancel = vi.fn();
    render(
      <JsonEditor
        initial={{}}
        onSave={() => undefined}
        onCancel={onCancel}
        saveError="name already in use"
      />,
    );
    expect(screen.getByRole("alert").textContent).toBe("name already in use");
    fireEvent.keyDown(screen.getByLabelText("Metadata JSON"), { key: "Escape" });
    expect(onCancel).toHaveBeenCalled();
  });

  it("views what it edits", () => {
    render(<JsonView value={{ score: Infinity }} label="Metadata" />);
    expect(screen.getByLabelText("Metadata").textContent).toBe('{\n  "score": Infinity\n}');
  });
});
