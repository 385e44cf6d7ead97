/**
 * @trymaven/mock: a simulated Maven API for tests, Storybook and local development.
 * Browser-safe: nothing here imports a Node built-in (the loopback server lives in
 * `@trymaven/mock/server`).
 */
export { MOCK_API_KEY, API_KEY_PATTERN } from "./api-key.js";
export {
  makeSession,
  makeProcessor,
  defaultProcessor,
  EMPTY_PROCESSOR,
  DEFAULT_SESSION_ID,
  DEFAULT_CREATED_AT,
  type SessionOverrides,
} from "./make-session.js";
export {
  fixtures,
  getFixture,
  listFixtures,
  pendingSession,
  collectingSession,
  stripeChargeSuccessSession,
  stripeTokenizeSuccessSession,
  authorizenetCaptureSuccessSession,
  authorizenetAuthOnlySession,
  authorizenetTokenizeSuccessSession,
  braintreeChargeSuccessSession,
  braintreeTokenizeSuccessSession,
  shift4ChargeSuccessSession,
  shift4TokenizeSuccessSession,
  cardDeclinedSession,
  insufficientFundsSession,
  expiredSession,
  cancelledSession,
  abandonedSession,
  unknownGatewaySession,
  transferWithMemorySession,
  type FixtureName,
} from "./fixtures.js";
