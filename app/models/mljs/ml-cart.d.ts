/**
 * The slice of ml-cart 2.1.1 (no bundled types) that app/models/mljs/cart.ts uses.
 * We only train with it and then read the fitted node tree; prediction and persistence are ours.
 */
declare module 'ml-cart' {
  export interface CartOptions {
    gainFunction?: 'gini' | 'regression';
    splitFunction?: 'mean';
    /** A node with at most this many rows becomes a leaf. */
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }

  /** A fitted node. Leaves may still carry splitColumn/splitValue; only `left` and `right` mark a split. */
  export interface CartNode {
    splitColumn?: number;
    splitValue?: number;
    left?: CartNode;
    right?: CartNode;
  }

  export class DecisionTreeClassifier {
    constructor(options?: CartOptions);
    root: CartNode;
    train(trainingSet: number[][], trainingLabels: number[]): void;
    predict(toPredict: number[][]): number[];
  }

  export class DecisionTreeRegression {
    constructor(options?: CartOptions);
    root: CartNode;
    train(trainingSet: number[][], trainingValues: number[]): void;
    predict(toPredict: number[][]): number[];
  }
}
