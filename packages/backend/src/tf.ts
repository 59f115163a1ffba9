// The single tfjs namespace of the toolkit. `@tensorflow/tfjs` (not tfjs-core alone) because its
// Node bundle also registers every gradient and the chained tensor methods; tfjs-node depends
// on the same package, so a process has exactly one engine and kernel registry.
export * from '@tensorflow/tfjs';
