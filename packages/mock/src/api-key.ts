/**
 * A fixed, obviously fake test key. It has the shape of a real key
 * (`mvn_test_` + 32 alphanumerics) so it passes the client's and the mock's
 * format checks, and it spells "mock" so nobody mistakes it for a secret.
 */
export const MOCK_API_KEY = "mvn_test_mockmockmockmockmockmockmockmock";

/** The shape of a Maven API key: `mvn_test_` or `mvn_live_` followed by 32 letters or digits. */
export const API_KEY_PATTERN = /^mvn_(test|live)_[A-Za-z0-9]{32}$/;
