/**
 * The preparing thread: validates, canonicalises and hashes edit batches (see `prepareEdit`) while the writing
 * thread stores the batch before. Only the preparing code is loaded here, not the routers.
 */
import type { PreparedEdit, WireFailure } from "@assay/api/threads";
import { inlinePreparer, toWireFailure, transferablesOf } from "@assay/api/threads";
import { Piscina } from "piscina";

export interface PrepareTask {
  schemaJson: string;
  lines: string;
}

export type PrepareAnswer = { prepared: PreparedEdit } | { failure: WireFailure };

const preparer = inlinePreparer();

export default async function prepare(task: PrepareTask): Promise<PrepareAnswer | object> {
  try {
    const prepared = await preparer.prepare(task.schemaJson, task.lines);
    // Moved, not copied: the batch's typed arrays change owner.
    return Piscina.move({
      [Piscina.transferableSymbol]: transferablesOf(prepared),
      [Piscina.valueSymbol]: { prepared },
    } as never);
  } catch (error) {
    return { failure: toWireFailure(error) };
  }
}

/** Answers once this module has loaded (see `threadLoaded`). */
export const loaded = (): boolean => true;
