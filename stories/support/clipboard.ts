import { spyOn } from "storybook/test";

/**
 * Stubs the clipboard for a story's `beforeEach`; returns the cleanup that restores it. Headless
 * Chromium may refuse the real clipboard, and what a story checks is the copy button's feedback.
 * `"rejects"`: the Clipboard API refuses (permission denied) and the legacy `execCommand("copy")`
 * fallback fails too, as in an insecure context, so the card shows its "couldn't copy" message.
 */
export function stubClipboard(outcome: "resolves" | "rejects"): () => void {
  const writeText = spyOn(navigator.clipboard, "writeText");
  if (outcome === "resolves") {
    writeText.mockResolvedValue(undefined);
    return () => writeText.mockRestore();
  }
  writeText.mockRejectedValue(new DOMException("Write permission denied.", "NotAllowedError"));
  const execCommand = spyOn(document, "execCommand").mockReturnValue(false);
  return () => {
    writeText.mockRestore();
    execCommand.mockRestore();
  };
}
