import { describeStatus, isTerminalStatus, type SessionMode, type SessionStatus } from "@trymaven/core";
import { forwardRef, memo, type ComponentPropsWithoutRef } from "react";
import { useLabels, type SessionCardLabelOverrides } from "./labels.js";
import { icon, cx } from "./parts.js";

export interface SessionStatusBadgeProps extends Omit<ComponentPropsWithoutRef<"span">, "children"> {
  /** The session's `status`. Unknown statuses are shown in words with a neutral (or progress) tone. */
  status: SessionStatus;
  /**
   * The session's `is_terminal`. A badge that can still change has a dashed outline and
   * `data-terminal="false"`.
   * @default derived from the status (known terminal statuses only)
   */
  isTerminal?: boolean | undefined;
  /**
   * The session's `mode`; in `tokenize` mode success reads "Card saved" instead of "Payment succeeded".
   * @default "charge"
   */
  mode?: SessionMode | undefined;
  /** Text overrides; `labels.status` rewrites the status text. @default defaultLabels */
  labels?: SessionCardLabelOverrides | undefined;
}

/**
 * A session's status as a pill: label and tone from `@trymaven/core`, an icon whose shape differs
 * per tone, and `data-status`, `data-tone` and `data-terminal` for styling.
 */
export const SessionStatusBadge = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLSpanElement, SessionStatusBadgeProps>(function SessionStatusBadge(
    { status, isTerminal, mode, labels, className, ...rest },
    ref,
  ) {
    const text = useLabels(labels);
    const terminal = isTerminal ?? isTerminalStatus(status);
    const { label, tone } = describeStatus(status, { mode, isTerminal });
    return (
      <span
        ref={ref}
        className={cx("mvn-root mvn-badge", className)}
        data-status={status}
        data-tone={tone}
        data-terminal={terminal}
        {...rest}
      >
        {icon(tone)}
        {text.status(label, status)}
      </span>
    );
  }),
);
