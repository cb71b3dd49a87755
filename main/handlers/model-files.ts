/**
 * "Open model…": a Sapling model file the user chose (from `sapling train` or `sapling import`), read and checked by
 * the one model-file loader (io/model-file.ts → pipelineFromJSON), described for the Models screen. The renderer
 * keeps only the grant's token; the comparison reads the file again through it (runCompare's modelFiles).
 */
import type { PreTrainedModel } from '../../app/compare/pre-trained.js';
import type { FileGrant, ModelFileInfo } from '../../app/ipc/contract.js';

export function modelFileInfo(grant: FileGrant, model: PreTrainedModel): ModelFileInfo {
  const { pipeline } = model;
  return {
    ...grant,
    id: model.id,
    sha256: model.sha256,
    bytes: model.bytes,
    model: pipeline.model.id,
    target: pipeline.target.name,
    task: pipeline.target.task,
    features: [...pipeline.features],
    trainedOn: model.trainedOn,
    ...(model.importedFrom ? { importedFrom: model.importedFrom } : {}),
  };
}
