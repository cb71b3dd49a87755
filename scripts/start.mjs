// `npm start`. The desktop app is not built yet (see the open desktop issue); until it lands this
// prints how to run the same comparison from the command line, on a bundled sample.
console.log(`Sapling — small explainable tree models or an LLM, compared on your own CSV.

The desktop app is not part of this version yet. Everything it will show is available from the command line:

  npx sapling profile examples/credit_data.csv
  npx sapling compare examples/credit_data.csv --target Status
  npx sapling --help
`);
