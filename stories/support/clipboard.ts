import { expect, spyOn, userEvent, type within } from "storybook/test";

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

/**
 * With the clipboard stubbed to refuse: clicking the copy button named `button` shows "couldn't copy" on screen and
 * through the polite live region, leaves the button unclaimed (not "copied"), and selects `value` for Ctrl+C.
 */
export async function expectCopyRefused(canvas: ReturnType<typeof within>, button: string, value: string) {
  const copy = canvas.getByRole("button", { name: button });
  await userEvent.click(copy);
  const message = await canvas.findByText(/^Couldn't copy\. The text is selected/);
  await expect(message).toBeVisible();
  await expect(message).toHaveAttribute("role", "status");
  // Marked on the button as well, in the warning colour: the message may be far below it.
  await expect(copy).toHaveAttribute("data-state", "failed");
  await expect(getComputedStyle(copy).color).not.toBe(getComputedStyle(copy.parentElement!).color);
  await expect(window.getSelection()?.toString()).toBe(value);
}
