import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { decodeSuiPrivateKey, type Keypair } from '@mysten/sui/cryptography';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Secp256k1Keypair } from '@mysten/sui/keypairs/secp256k1';
import { Secp256r1Keypair } from '@mysten/sui/keypairs/secp256r1';
import { Inputs, Transaction } from '@mysten/sui/transactions';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { REPORTS_MODULE, reportTypes } from 'src/chain/reports-bcs';
import { ReportAbort, type HandoffSummary, type ReportAbortName } from 'src/domain/reports/epoch-reports';

/** Where the package lives and who signs: from configuration (never logged). */
export interface ReporterSettings {
  readonly packageId: string;
  readonly registryId: string;
  readonly stakingObjectId: string;
  /** A `suiprivkey…` string. */
  readonly key: string;
  /** MIST the reporter allows a transaction to spend on gas. */
  readonly gasBudget: bigint;
}

/** A report as this instance computed it, ready to publish. */
export interface ReportToPublish {
  readonly epoch: number;
  readonly committeeDigest: Uint8Array;
  readonly auditMatches: boolean;
  readonly handoff: HandoffSummary;
  readonly rewardsDigest: Uint8Array;
}

/** The reporter's configuration cannot be used: say which setting, never its value. */
export class ReporterKeyError extends Error {}

/** The chain executed the transaction and it aborted: the package's named abort. */
export class ReportAbortedError extends Error {
  constructor(
    readonly abort: ReportAbortName | undefined,
    readonly code: string,
    readonly digest: string,
  ) {
    super(
      abort === undefined
        ? `the transaction ${digest} failed: abort code ${code}`
        : `the transaction ${digest} aborted with ${abort} (code ${code}): ${ABORT_SENTENCES[abort]}`,
    );
  }
}

const ABORT_SENTENCES: Record<ReportAbortName, string> = {
  EReportExists: 'this reporter already published a report for that epoch; reports are immutable',
  EFutureEpoch: 'that epoch has not started on the Walrus staking object',
  EMalformedDigest: 'a digest is not 32 bytes',
  EWrongRegistry: 'the reporter capability belongs to another registry',
  EInvalidName: 'a reporter name is 1 to 64 bytes',
  EMalformedHandoff: 'a handoff summary counts more than 1000 shards',
};

/** The signer of a `suiprivkey…` string, whatever its scheme. */
export function reporterKeypair(key: string | undefined): Keypair {
  if (key === undefined || key.trim() === '') {
    throw new ReporterKeyError(
      'TUSK_REPORTER_KEY is not set: give the reporter’s key as a suiprivkey… string',
    );
  }
  let decoded: ReturnType<typeof decodeSuiPrivateKey>;
  try {
    decoded = decodeSuiPrivateKey(key.trim());
  } catch {
    throw new ReporterKeyError(
      'TUSK_REPORTER_KEY is not a valid suiprivkey… string (Bech32, as `sui keytool export` prints)',
    );
  }
  switch (decoded.scheme) {
    case 'ED25519':
      return Ed25519Keypair.fromSecretKey(decoded.secretKey);
    case 'Secp256k1':
      return Secp256k1Keypair.fromSecretKey(decoded.secretKey);
    case 'Secp256r1':
      return Secp256r1Keypair.fromSecretKey(decoded.secretKey);
    case 'MultiSig':
    case 'Passkey':
    case 'ZkLogin':
      throw new ReporterKeyError(
        `TUSK_REPORTER_KEY uses the ${decoded.scheme} scheme; a reporter signs with Ed25519 or secp256k1/r1`,
      );
  }
}

/**
 * Builds, signs and executes the `tusk_reports` calls with `@mysten/sui`: every input resolved
 * here (object versions, the reference gas price, the budget from configuration), gas paid from the
 * reporter's SUI coins when it holds some and from its address balance otherwise.
 */
export class ReportTransactions {
  private readonly signer: Keypair;
  readonly address: string;

  constructor(
    private readonly client: SuiGrpcClient,
    private readonly settings: ReporterSettings,
  ) {
    this.signer = reporterKeypair(settings.key);
    this.address = normalizeSuiAddress(this.signer.toSuiAddress());
  }

  /** `register_reporter(name)`; returns the new cap's ID. */
  async register(name: string): Promise<{ digest: string; capId: string }> {
    const tx = new Transaction();
    tx.moveCall({
      target: `${this.settings.packageId}::${REPORTS_MODULE}::register_reporter`,
      arguments: [await this.shared(tx, this.settings.registryId, true), tx.pure.string(name)],
    });
    const result = await this.execute(tx);
    const capId = result.changedObjects.find(
      (change) => change.idOperation === 'Created' && change.outputOwner === this.address,
    )?.objectId;
    return { digest: result.digest, capId: capId ?? (await this.findCap()) ?? '' };
  }

  /** The reporter cap this key holds, if it registered. */
  async findCap(): Promise<string | undefined> {
    const { objects } = await this.client.core.listOwnedObjects({
      owner: this.address,
      type: reportTypes(this.settings.packageId).reporterCap,
    });
    return objects[0]?.objectId;
  }

  /** `new_handoff_summary` then `publish`, in one transaction. */
  async publish(capId: string, report: ReportToPublish): Promise<{ digest: string }> {
    const tx = new Transaction();
    const target = (name: string) => `${this.settings.packageId}::${REPORTS_MODULE}::${name}`;
    const summary = tx.moveCall({
      target: target('new_handoff_summary'),
      arguments: [
        tx.pure.u16(report.handoff.movedShards),
        tx.pure.u16(report.handoff.attestedWeight),
        tx.pure.option('u64', report.handoff.quorumMs),
        tx.pure.vector('address', [...report.handoff.lateAttesters]),
        tx.pure.vector('address', [...report.handoff.prematureAttesters]),
      ],
    });
    const cap = await this.client.core.getObject({ objectId: capId });
    tx.moveCall({
      target: target('publish'),
      arguments: [
        await this.shared(tx, this.settings.registryId, true),
        tx.object(
          Inputs.ObjectRef({ objectId: capId, version: cap.object.version, digest: cap.object.digest }),
        ),
        await this.shared(tx, this.settings.stakingObjectId, false),
        tx.pure.u32(report.epoch),
        tx.pure.vector('u8', [...report.committeeDigest]),
        tx.pure.bool(report.auditMatches),
        summary,
        tx.pure.vector('u8', [...report.rewardsDigest]),
        tx.object.clock(),
      ],
    });
    return { digest: (await this.execute(tx)).digest };
  }

  private async shared(tx: Transaction, objectId: string, mutable: boolean) {
    const { object } = await this.client.core.getObject({ objectId });
    const owner = object.owner as { $kind: string; Shared?: { initialSharedVersion: string } };
    if (owner.Shared === undefined) {
      throw new Error(`object ${objectId} is not a shared object`);
    }
    return tx.object(
      Inputs.SharedObjectRef({ objectId, initialSharedVersion: owner.Shared.initialSharedVersion, mutable }),
    );
  }

  private async execute(tx: Transaction) {
    tx.setSender(this.address);
    tx.setGasBudget(this.settings.gasBudget);
    const [{ referenceGasPrice }, coins] = await Promise.all([
      this.client.core.getReferenceGasPrice(),
      this.client.core.listCoins({ owner: this.address }),
    ]);
    tx.setGasPrice(BigInt(referenceGasPrice));
    if (coins.objects.length > 0) {
      tx.setGasPayment(coins.objects.map(({ objectId, version, digest }) => ({ objectId, version, digest })));
    } else {
      // No coin objects: the gas comes from the address balance, which needs a validity window.
      const [{ chainIdentifier }, { systemState }] = await Promise.all([
        this.client.core.getChainIdentifier(),
        this.client.core.getCurrentSystemState(),
      ]);
      const epoch = BigInt(systemState.epoch);
      tx.setGasPayment([]);
      tx.setExpiration({
        ValidDuring: {
          minEpoch: String(epoch),
          maxEpoch: String(epoch + 1n),
          minTimestamp: null,
          maxTimestamp: null,
          chain: chainIdentifier,
          nonce: Math.floor(Math.random() * 0xffffffff),
        },
      });
    }
    const bytes = await tx.build({ client: this.client });
    const { signature } = await this.signer.signTransaction(bytes);
    const result = await this.client.core.executeTransaction({
      transaction: bytes,
      signatures: [signature],
      include: { effects: true },
    });
    if (result.$kind === 'FailedTransaction') {
      const failed = result.FailedTransaction;
      const error = failed.status.error as { $kind?: string; MoveAbort?: { abortCode: string } } | null;
      const code = error?.MoveAbort?.abortCode ?? '?';
      const name = (Object.keys(ReportAbort) as ReportAbortName[]).find(
        (key) => String(ReportAbort[key]) === code,
      );
      throw new ReportAbortedError(name, code, failed.digest);
    }
    const done = result.Transaction;
    return {
      digest: done.digest,
      changedObjects: done.effects.changedObjects.map((change) => ({
        objectId: change.objectId,
        idOperation: change.idOperation,
        outputOwner:
          change.outputOwner?.$kind === 'AddressOwner'
            ? normalizeSuiAddress(change.outputOwner.AddressOwner)
            : undefined,
      })),
    };
  }
}
