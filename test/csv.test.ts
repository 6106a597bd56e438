// readCsv: a data set of one's own from CSV text (papaparse parses it), every cell checked, errors
// that name the line and the column.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Network, readCsv } from "../src";
import { assertThrows } from "./helpers/assert";

test("a header and rows of numbers: the last column is the target unless another is named", () => {
  const csv = "x1,x2,y\n0,1,1\r\n1,1,0\n";
  assert.equal(readCsv(csv), {
    columns: ["x1", "x2"],
    target: "y",
    rows: [
      [0, 1],
      [1, 1],
    ],
    targets: [1, 0],
    classes: null,
  });
  const first = readCsv(csv, { target: "x1" });
  assert.equal(
    [first.columns, first.rows, first.targets],
    [
      ["x2", "y"],
      [
        [1, 1],
        [1, 0],
      ],
      [0, 1],
    ],
  );
  // quoted fields, as spreadsheets write them
  assert.equal(readCsv('"a, b",c\n"1.5",2\n').rows, [[1.5]]);
});

test("names in the target column become classes, in the order they first come, ready to train on", () => {
  const iris = "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n4.9,1.4,setosa\n";
  const data = readCsv(iris);
  assert.equal(data.classes, ["setosa", "versicolor"]);
  assert.equal(data.targets, [0, 1, 0]);
  const net = new Network({ layers: [2, 3, 1], bias: true });
  net.train(data.rows, data.targets, 10, { learningRate: 0.1 });
});

test("bad CSV is an error naming the line and the column", () => {
  assertThrows(
    () => readCsv("a,b\nx,1\n"),
    RangeError,
    /readCsv\(text\): line 2, column "a": "x" is not a finite number/,
  );
  assertThrows(() => readCsv("a,b,c\n1,2,0\n3,,1\n"), RangeError, /line 3, column "b": "" is not a finite number/);
  assertThrows(() => readCsv("a,b\n1,2\n3,\n"), RangeError, /line 3, column "b": the target is empty/);
  assertThrows(() => readCsv("a,b\n1,2\n3\n"), RangeError, /line 3 has 1 values, the header 2/);
  assertThrows(() => readCsv("a,b\n1,2", { target: "c" }), RangeError, /options\.target "c" is not a column \(a, b\)/);
  assertThrows(() => readCsv("a,b\n"), RangeError, /a header line and at least one row/);
  assertThrows(() => readCsv('a,b\n"1,2\n'), RangeError, /readCsv\(text\): line \d+: /);
  assertThrows(() => readCsv(42 as never), TypeError, /text must be a string of CSV, got 42/);
  assertThrows(() => readCsv("a,b\nInfinity,1\n"), RangeError, /"Infinity" is not a finite number/);
});

test.run();
