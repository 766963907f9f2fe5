import type { JsonValue } from "./canonical";
import { checkDepth, MAX_JSON_DEPTH, mayNestDeeper, TooDeepError } from "./depth";

/**
 * Parses JSON text that may contain the bare tokens `NaN`, `Infinity` and `-Infinity` (as written by
 * `canonicalStringify` and Python's `json.dumps`). Standard JSON never contains them, so the native parser runs
 * first and the slower one only for text that needs it.
 */
export function parseJson(text: string): JsonValue {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return new ExtendedParser(text).parseDocument();
  }
  if (mayNestDeeper(text)) checkDepth(value);
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Control characters must be escaped inside JSON strings, so the pattern excludes them on purpose.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

class ExtendedParser {
  private position = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    const value = this.value();
    this.skipWhitespace();
    if (this.position !== this.text.length) this.fail("unexpected text after the value");
    return value;
  }

  private value(): JsonValue {
    this.skipWhitespace();
    const char = this.text[this.position];
    switch (char) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
      case "N":
        return this.literal("NaN", NaN);
      case "I":
        return this.literal("Infinity", Infinity);
      default:
        if (this.text.startsWith("-Infinity", this.position))
          return this.literal("-Infinity", -Infinity);
        return this.number();
    }
  }

  private object(): JsonValue {
    this.enter();
    const result: Record<string, JsonValue> = {};
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === "}") {
      this.position++;
      this.depth--;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail("expected a key");
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.position] !== ":") this.fail("expected ':'");
      this.position++;
      // defineProperty, not assignment: a "__proto__" key must stay data, as with JSON.parse.
      Object.defineProperty(result, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWhitespace();
      const next = this.text[this.position++];
      if (next === "}") {
        this.depth--;
        return result;
      }
      if (next !== ",") this.fail("expected ',' or '}'", -1);
    }
  }

  private array(): JsonValue {
    this.enter();
    const result: JsonValue[] = [];
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === "]") {
      this.position++;
      this.depth--;
      return result;
    }
    for (;;) {
      result.push(this.value());
      this.skipWhitespace();
      const next = this.text[this.position++];
      if (next === "]") {
        this.depth--;
        return result;
      }
      if (next !== ",") this.fail("expected ',' or ']'", -1);
    }
  }

  /** One level deeper; this parser recurses, so depth is checked as it goes rather than after. */
  private enter(): void {
    if (++this.depth > MAX_JSON_DEPTH) throw new TooDeepError();
  }

  private string(): string {
    return JSON.parse(this.match(STRING, "a string")) as string;
  }

  private number(): number {
    return Number(this.match(NUMBER, "a value"));
  }

  private literal<T extends JsonValue>(token: string, value: T): T {
    if (!this.text.startsWith(token, this.position)) this.fail(`expected ${token}`);
    this.position += token.length;
    return value;
  }

  private match(pattern: RegExp, what: string): string {
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.text);
    if (!found) this.fail(`expected ${what}`);
    this.position = pattern.lastIndex;
    return found[0];
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.position;
    WHITESPACE.exec(this.text);
    this.position = WHITESPACE.lastIndex;
  }

  private fail(message: string, offset = 0): never {
    throw new SyntaxError(`Invalid JSON at position ${this.position + offset}: ${message}`);
  }
}
