import { describeCard, describeProcessor, type Environment, type Gateway, type Processor } from "@trymaven/core";
import { forwardRef, memo, type ComponentPropsWithoutRef } from "react";
import { useLabels, type SessionCardLabelOverrides } from "./labels.js";
import { code, copyButton, copyStatus, cx, field, icon, useCopy } from "./parts.js";

export interface ProcessorDetailsProps extends Omit<ComponentPropsWithoutRef<"div">, "children"> {
  /** The session's `processor` (may be `null`: nothing but the wrapper is rendered). */
  processor: Processor | null | undefined;
  /** The session's `gateway`; picks the field list, order, code decoding and dashboard links. Unknown gateways get a generic list. */
  gateway: Gateway;
  /**
   * The gateway environment the session ran in (`"test"` for `mvn_test_` keys). Dashboard links
   * are shown only when it is given, so a test session never links to a live dashboard.
   * @default undefined (no dashboard links)
   */
  environment?: Environment | undefined;
  /** Text overrides (`processorField`, `processorMeaning`, `copy`, `viewReceipt`…). @default defaultLabels */
  labels?: SessionCardLabelOverrides | undefined;
}

/**
 * A session's payment details: the card (brand mark, brand name, last four digits), the receipt
 * (a link only when it is a safe https URL), and the gateway's ids and codes in a `dl`, each id
 * with a copy button and, where core knows one, a dashboard link. Authorize.net codes show their
 * decoded meaning. `data-gateway` carries the gateway.
 */
export const ProcessorDetails = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLDivElement, ProcessorDetailsProps>(function ProcessorDetails(
    { processor, gateway, environment, labels, className, ...rest },
    ref,
  ) {
    const text = useLabels(labels);
    const copier = useCopy();
    // Not memoised: the component is (`memo`), so this runs again only for new props or a copy's feedback, and
    // `useMemo` would cost bytes.
    const { brand, last4, receiptUrl, rawReceipt } = describeCard(processor);
    const rows = describeProcessor(processor, gateway, { environment });
    // Core trims (and, for the receipt, cleans) what it returns; ids are shown and copied as sent.
    const sent = Object(processor) as Record<string, unknown>;
    const exact = (key: string, fallback: string) => (typeof sent[key] === "string" ? (sent[key] as string) : fallback);
    return (
      <div ref={ref} className={cx("mvn-root mvn-processor", className)} data-gateway={gateway} {...rest}>
        {(brand || last4 || rawReceipt || rows[0]) && (
          <dl className="mvn-fields">
            {(brand || last4) &&
              field(
                text.card,
                <span className="mvn-card-line">
                  {/* A decorative brand mark; the brand's name is always written next to it. The stylesheet draws it
                      from `data-brand`: a short text for most brands (kept out of the bundle), Mastercard's and
                      Maestro's circles, a card outline for any other. */}
                  <span className="mvn-brand" data-brand={brand?.id ?? "unknown"} aria-hidden />
                  {brand && <span>{brand.wallet ? `${brand.name} (${brand.wallet})` : brand.name}</span>}
                  {last4 && (
                    <span>
                      <span aria-hidden>•••• </span>
                      <span className="mvn-sr-only">{text.cardEndingIn} </span>
                      {code(last4)}
                    </span>
                  )}
                </span>,
              )}
            {rawReceipt &&
              field(
                text.receipt,
                receiptUrl ? (
                  <a
                    className="mvn-link"
                    href={receiptUrl}
                    target="_blank"
                    rel="noopener noreferrer"
                    aria-label={`${text.viewReceipt} ${text.opensInNewTab}`}
                  >
                    {text.viewReceipt}
                    {icon("external")}
                  </a>
                ) : (
                  code(exact("receipt_url", rawReceipt))
                ),
              )}
            {rows.map((row) => {
              const label = text.processorField(row.label, row.id);
              const value = row.copyable ? exact(row.id, row.value) : row.value;
              return field(
                label,
                <>
                  {row.kind === "status" ? value : code(value)}
                  {row.copyable && copyButton(copier, row.id, value, text.copy(label))}
                  {row.meaning && (
                    <span className="mvn-muted mvn-meaning">{text.processorMeaning(row.meaning, row.id)}</span>
                  )}
                  {row.href && (
                    <a
                      className="mvn-link mvn-meaning"
                      href={row.href}
                      target="_blank"
                      rel="noopener noreferrer"
                      aria-label={`${text.openInDashboard} (${label}) ${text.opensInNewTab}`}
                    >
                      {text.openInDashboard}
                      {icon("external")}
                    </a>
                  )}
                </>,
                row.id,
              );
            })}
          </dl>
        )}
        {copyStatus(copier, text)}
      </div>
    );
  }),
);
