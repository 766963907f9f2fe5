import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** What a page is checked for: WCAG 2.1 A and AA, the rules a keyboard or screen-reader user depends on. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

/**
 * axe-core's violations of serious or critical impact on the page as it is now (minor and moderate ones are
 * left to review). An empty list is what every page must give; the findings name the rule and the elements, so a
 * failing `expect(...).toEqual([])` says what to mend.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}
