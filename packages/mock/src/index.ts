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
export {
  scenarios,
  SCENARIO_NAMES,
  defineScenario,
  isScenarioName,
  applySessionPatch,
  type Scenario,
  type ScenarioName,
  type ScenarioStep,
  type SessionPatch,
} from "./scenarios.js";
export { FAULT_NAMES, normalizeFault, type Fault, type FaultInput, type FaultName } from "./faults.js";
export {
  createMavenSimulator,
  isMavenSimulator,
  type MavenSimulator,
  type MavenSimulatorOptions,
  type MavenSimulatorStats,
  type ScenarioSessionInit,
  type SessionInit,
  type InjectFaultOptions,
  type InjectedFault,
  type RecordedRequest,
} from "./simulator.js";
export { createMavenHandlers, MAVEN_API_BASE_URL, type MavenHandlers, type MavenHandlersOptions } from "./handlers.js";
