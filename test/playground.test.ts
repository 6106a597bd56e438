// The playground's settings in the URL: read back exactly, and a malformed or hostile link gets the
// defaults for what it got wrong, named, never an error.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { defaults, type Settings } from "../src/explorer/explorer";
import { hashOf, settingsFromHash } from "../src/explorer/playground";

test("settings written into a link are read back the same", () => {
  const settings: Settings = {
    data: "xor",
    hidden: 4,
    seed: 4294967295,
    learningRate: 0.501,
    iterations: 2500,
    targets: [1, 0, 0, 1],
    activation: "relu",
    bias: true,
    l2: 0.005,
  };
  assert.is(
    hashOf(settings),
    "#data=xor&hidden=4&seed=4294967295&rate=0.501&iterations=2500&targets=1001&activation=relu&bias=1&l2=0.005",
  );
  assert.equal(settingsFromHash(hashOf(settings)), { settings, problems: [] });
  assert.equal(settingsFromHash(""), { settings: defaults("seed"), problems: [] });
});

test("a link it cannot read gets the defaults for those settings, and names them", () => {
  const { settings, problems } = settingsFromHash(
    "#data=%3Cscript%3Ealert(1)%3C/script%3E&hidden=-1&seed=1e3&rate=javascript:1&iterations=99999999&targets=012" +
      "&activation=constructor&bias=true&l2=1",
  );
  assert.equal(settings, defaults("seed"));
  assert.equal(problems, ["data", "hidden", "seed", "iterations", "rate", "l2", "activation", "bias", "targets"]);
  assert.equal(settingsFromHash("#rate=100").problems, ["rate"]);
  assert.equal(settingsFromHash("#data=sequel&targets=0110").problems, ["targets"], "the sequel has 7 rows");
  assert.is(settingsFromHash("#data=and&seed=7").settings.seed, 7, "what it can read, it keeps");
});

test.run();
