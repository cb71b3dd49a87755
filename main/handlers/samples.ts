/**
 * The sample datasets bundled with Sapling (examples/*.csv; extraResources in the packaged app), with
 * their usual target and one line on what they are. Row counts and targets match examples/README.md
 * (a test loads every file and checks).
 */
import type { SampleInfo } from '../../app/ipc/contract.js';

export const SAMPLES: readonly SampleInfo[] = [
  {
    name: 'iris',
    fileName: 'iris.csv',
    target: 'target',
    task: 'classification',
    rows: 150,
    description: 'Iris flowers: the species from four petal and sepal measurements.',
  },
  {
    name: 'penguins',
    fileName: 'penguins.csv',
    target: 'species',
    task: 'classification',
    rows: 344,
    description: 'Palmer penguins: the species from bill, flipper, body mass, island and sex, with missing values.',
  },
  {
    name: 'credit_data',
    fileName: 'credit_data.csv',
    target: 'Status',
    task: 'classification',
    rows: 4454,
    description:
      'Credit scoring: good or bad payer from income, debts, job and housing; categories and missing values.',
  },
  {
    name: 'breast_cancer',
    fileName: 'breast_cancer.csv',
    target: 'target',
    task: 'classification',
    rows: 569,
    description: 'Breast biopsies: malignant or benign from 30 cell-nucleus measurements.',
  },
  {
    name: 'wine',
    fileName: 'wine.csv',
    target: 'target',
    task: 'classification',
    rows: 178,
    description: 'Wines of three cultivars told apart by 13 chemical measurements.',
  },
  {
    name: 'glass',
    fileName: 'glass.csv',
    target: 'Type',
    task: 'classification',
    rows: 214,
    description: 'Glass fragments: six imbalanced types from refractive index and oxide content.',
  },
  {
    name: 'sonar',
    fileName: 'sonar.csv',
    target: 'Class',
    task: 'classification',
    rows: 208,
    description: 'Sonar echoes: rock or metal cylinder (mine) from 60 frequency-band energies.',
  },
  {
    name: 'diabetes',
    fileName: 'diabetes.csv',
    target: 'target',
    task: 'regression',
    rows: 442,
    description:
      'Diabetes progression after a year from age, sex, BMI, blood pressure and six serum values (pre-scaled).',
  },
  {
    name: 'ames',
    fileName: 'ames.csv',
    target: 'Sale_Price',
    task: 'regression',
    rows: 2930,
    description: 'Ames house sale prices from 73 features, many of them categorical.',
  },
  {
    name: 'airquality',
    fileName: 'airquality.csv',
    target: 'Ozone',
    task: 'regression',
    rows: 153,
    description: 'New York air quality: ozone from sunlight, wind and temperature; missing values, also in the target.',
  },
  {
    name: 'mtcars',
    fileName: 'mtcars.csv',
    target: 'mpg',
    task: 'regression',
    rows: 32,
    description: 'Motor Trend cars: fuel consumption (mpg) from ten design figures; a tiny table.',
  },
];

export function findSample(name: string): SampleInfo | undefined {
  return SAMPLES.find((s) => s.name === name);
}
