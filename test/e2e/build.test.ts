// The compiled module (dist/), as a user and the notebooks load it.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";

test("after the build, require('.') trains the seed's network from the command line", () => {
  const script =
    "const {Perceptron}=require('.'); const p=new Perceptron({seed:1});" +
    "p.train([[0,0,1],[1,1,1],[1,0,1],[0,1,1]],[0,1,1,0],10000); console.log(p.predict([1,0,0]))";
  const printed = execFileSync(process.execPath, ["-e", script], {
    cwd: join(__dirname, "..", ".."),
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" }, // uvu colours the output of console.log
  });
  assert.match(printed, /^0\.99993704\d*\n$/);
});

test.run();
