import * as React from "react";
import * as ReactDOM from "react-dom";
import * as ReactDOMServer from "react-dom/server";
import { renderHook } from "@testing-library/react";
import { useQueryClient } from "@tanstack/react-query";
import { expect, test } from "vitest";
import { createHarness } from "./support.js";

// Set per vitest project: "19" for `react`, "18" for `react18` (aliased to react-18 / react-dom-18).
const expected = process.env.EXPECTED_REACT_MAJOR;

test(`runs against React ${expected}`, () => {
  expect(expected).toMatch(/^1[89]$/);
  expect(React.version.split(".")[0]).toBe(expected);
  expect(ReactDOM.version.split(".")[0]).toBe(expected);
  expect(ReactDOMServer.version.split(".")[0]).toBe(expected);
});

test("react-query and Testing Library use that same React (a second copy would break hooks)", () => {
  const { wrapper, queryClient } = createHarness();
  const { result } = renderHook(() => useQueryClient(), { wrapper });
  expect(result.current).toBe(queryClient);
});
