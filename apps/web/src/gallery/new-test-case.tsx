import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useLocation } from "wouter";

import { Dialog } from "../components/dialog";
import { errorMessage, trpc } from "../lib/trpc";

/** The form that makes a new test case of the selected samples, with their ground truths, in a dialog. */
export function NewTestCaseDialog({
  source,
  sampleIds,
  onClose,
}: {
  source: { id: number; name: string; version: number };
  sampleIds: number[];
  onClose: () => void;
}) {
  const [, navigate] = useLocation();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.testCase.createFromSamples.mutationOptions({
      onSuccess: (record) => navigate(`/test-cases/${record.id}`),
    }),
  );
  return (
    <Dialog label="New test case from selection" onClose={onClose} className="form-dialog">
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({
            name: name.trim(),
            ...(description.trim() ? { description: description.trim() } : {}),
            sourceTestCaseId: source.id,
            sampleIds,
          });
        }}
      >
        <h2>New test case</h2>
        <p className="muted">
          {sampleIds.length} {sampleIds.length === 1 ? "sample" : "samples"} from {source.name} v
          {source.version}, with their ground truths.
        </p>
        <label>
          Name
          <input
            required
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={create.isError || undefined}
            aria-describedby={create.isError ? "new-test-case-error" : undefined}
          />
        </label>
        <label>
          Description <span className="muted">(optional)</span>
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
        </label>
        {create.isError && (
          <p className="error" role="alert" id="new-test-case-error">
            {errorMessage(create.error)}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={create.isPending || name.trim() === ""}>
            {create.isPending ? "Creating…" : "Create test case"}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
