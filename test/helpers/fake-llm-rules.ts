/** Answer rules for the fake LLM: a stand-in "model" that reads the serialized row like a person would. */

/** The value of `column` in the last row of a prompt, in any of the three templates. */
export function cell(prompt: string, column: string): string | undefined {
  const last = prompt.slice(Math.max(prompt.lastIndexOf(`The ${column} is `), prompt.lastIndexOf(`- ${column}: `), prompt.lastIndexOf(`"${column}":`)));
  const m = new RegExp(`(?:The ${column} is (.*?)\\.\\n|The ${column} is (.*?)\\.$|- ${column}: (.*)|"${column}":"?([^",}]*))`, 'm').exec(last);
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
}

/** credit_data.csv: 'bad' for applicants with arrears records, a part-time job, or a loan over 90% of the price; else 'good'. */
export function creditRule(prompt: string): string {
  const amount = Number(cell(prompt, 'Amount'));
  const price = Number(cell(prompt, 'Price'));
  if (cell(prompt, 'Records') === 'yes' || cell(prompt, 'Job') === 'partime' || amount > 0.9 * price) return 'bad';
  return 'good';
}
