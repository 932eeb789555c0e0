import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeSuiAddress, toBase64 } from '@mysten/sui/utils';
import { verifyTransactionSignature } from '@mysten/sui/verify';
import { REPORTS_MODULE } from 'src/chain/reports-bcs';
import { GrpcStatus, GrpcStatusError } from 'src/devnet/grpc-web/grpc-status';
import type { GrpcWebServer } from 'src/devnet/grpc-web/grpc-web.server';
import type { GasFaucet } from 'src/devnet/ledger/gas-faucet';
import { registerSuiRpc } from 'src/devnet/ledger/sui-rpc.handlers';
import type { SuiLedger, TransactionInput } from 'src/devnet/ledger/sui-ledger';
import { MoveAbortError, ProgramArgumentError, type ReportProgram } from 'src/devnet/reports/report-program';
import type { HandoffSummary } from 'src/domain/reports/epoch-reports';

type TransactionData = ReturnType<typeof bcs.TransactionData.parse>;
type CallArg = TransactionData['V1']['kind'] extends infer K
  ? K extends { ProgrammableTransaction: { inputs: (infer I)[] } }
    ? I
    : never
  : never;
type Argument = { Input?: number; Result?: number; NestedResult?: [number, number]; GasCoin?: true };

/**
 * `TransactionExecutionService.ExecuteTransaction` on the local network, for the one package a
 * client may call there: `tusk_reports`. The signed transaction's BCS is decoded, its signature
 * verified against the sender with `@mysten/sui`'s verifier, and its Move calls run by the
 * package's simulation; it is charged nothing, and sealed into the next checkpoint. A call that
 * aborts is executed as failed (with the Move abort, as on chain); a transaction that cannot run at
 * all answers a gRPC error.
 */
export function registerTransactionExecution(
  server: GrpcWebServer,
  ledger: SuiLedger,
  program: ReportProgram,
): void {
  server.register(GrpcTypes.TransactionExecutionService, {
    ExecuteTransaction: async (request) => {
      const { transaction, signatures } = request as GrpcTypes.ExecuteTransactionRequest;
      const bytes = transaction?.bcs?.value;
      if (bytes === undefined || bytes.length === 0) {
        throw new GrpcStatusError(GrpcStatus.INVALID_ARGUMENT, 'the transaction must be given as BCS bytes');
      }
      let data: TransactionData;
      try {
        data = bcs.TransactionData.parse(bytes);
      } catch (error) {
        throw new GrpcStatusError(
          GrpcStatus.INVALID_ARGUMENT,
          `the transaction's BCS does not decode: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const sender = normalizeSuiAddress(data.V1.sender);
      await verifySignatures(bytes, signatures, sender);
      const input = runProgrammable(data, sender, program);
      const digest = ledger.execute(input);
      return GrpcTypes.ExecuteTransactionResponse.create({ transaction: ledger.pendingTransaction(digest) });
    },
  });
}

async function verifySignatures(
  bytes: Uint8Array,
  signatures: readonly GrpcTypes.UserSignature[],
  sender: string,
): Promise<void> {
  if (signatures.length !== 1) {
    throw new GrpcStatusError(
      GrpcStatus.INVALID_ARGUMENT,
      `expected one signature, by the sender; got ${signatures.length}`,
    );
  }
  const signature = signatures[0]?.bcs?.value;
  if (signature === undefined) {
    throw new GrpcStatusError(GrpcStatus.INVALID_ARGUMENT, 'the signature must be given as BCS bytes');
  }
  try {
    await verifyTransactionSignature(bytes, toBase64(signature), { address: sender });
  } catch (error) {
    throw new GrpcStatusError(
      GrpcStatus.INVALID_ARGUMENT,
      `the signature does not verify for the sender ${sender}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Runs a programmable transaction's Move calls against the package; returns what to execute. */
function runProgrammable(data: TransactionData, sender: string, program: ReportProgram): TransactionInput {
  const kind = data.V1.kind;
  if (kind.ProgrammableTransaction === undefined) {
    throw new GrpcStatusError(
      GrpcStatus.INVALID_ARGUMENT,
      'only programmable transactions run on the local network',
    );
  }
  const { inputs, commands } = kind.ProgrammableTransaction;
  const calls: TransactionInput['calls'][number][] = [];
  const results: (HandoffSummary | undefined)[] = [];
  const writes: TransactionInput['writes'][number][] = [];
  const events: NonNullable<TransactionInput['events']>[number][] = [];
  for (const [index, command] of commands.entries()) {
    const call = command.MoveCall;
    if (
      call === undefined ||
      normalizeSuiAddress(call.package) !== program.packageId ||
      call.module !== REPORTS_MODULE
    ) {
      throw new GrpcStatusError(
        GrpcStatus.INVALID_ARGUMENT,
        `command ${index}: only calls to ${program.packageId}::${REPORTS_MODULE} run on the local network`,
      );
    }
    calls.push({ package: program.packageId, module: REPORTS_MODULE, function: call.function });
    const args = new Arguments(inputs, call.arguments, results, index);
    try {
      switch (call.function) {
        case 'new_handoff_summary':
          args.expect(5);
          results[index] = program.newHandoffSummary({
            movedShards: args.pure(0, bcs.u16()),
            attestedWeight: args.pure(1, bcs.u16()),
            quorumMs: toBigIntOrNull(args.pure(2, bcs.option(bcs.u64()))),
            lateAttesters: args.pure(3, bcs.vector(bcs.Address)),
            prematureAttesters: args.pure(4, bcs.vector(bcs.Address)),
          });
          break;
        case 'register_reporter': {
          args.expect(2);
          const effect = program.registerReporter(sender, args.object(0), args.pure(1, bcs.string()));
          writes.push(...effect.writes);
          events.push(...effect.events);
          break;
        }
        case 'publish': {
          args.expect(9);
          const effect = program.publish(sender, {
            registryId: args.object(0),
            capId: args.object(1),
            stakingId: args.object(2),
            epoch: args.pure(3, bcs.u32()),
            committeeDigest: Uint8Array.from(args.pure(4, bcs.vector(bcs.u8()))),
            auditMatches: args.pure(5, bcs.bool()),
            handoff: args.result(6),
            rewardsDigest: Uint8Array.from(args.pure(7, bcs.vector(bcs.u8()))),
            clockId: args.object(8),
          });
          writes.push(...effect.writes);
          events.push(...effect.events);
          break;
        }
        default:
          throw new ProgramArgumentError(`${REPORTS_MODULE}::${call.function} is not a public function`);
      }
    } catch (error) {
      if (error instanceof MoveAbortError) {
        // As on chain: the transaction executes, fails with the abort, and changes nothing.
        return {
          sender,
          calls,
          writes: [],
          failure: moveAbort(error, program.packageId, call.function, index),
        };
      }
      if (error instanceof ProgramArgumentError) {
        throw new GrpcStatusError(GrpcStatus.INVALID_ARGUMENT, `command ${index}: ${error.message}`);
      }
      throw error;
    }
  }
  return { sender, calls, writes, events };
}

function moveAbort(
  error: MoveAbortError,
  packageId: string,
  functionName: string,
  command: number,
): GrpcTypes.ExecutionError {
  return GrpcTypes.ExecutionError.create({
    description: error.message,
    command: BigInt(command),
    kind: GrpcTypes.ExecutionError_ExecutionErrorKind.MOVE_ABORT,
    errorDetails: {
      oneofKind: 'abort',
      abort: GrpcTypes.MoveAbort.create({
        abortCode: BigInt(error.code),
        location: GrpcTypes.MoveLocation.create({ package: packageId, module: REPORTS_MODULE, functionName }),
      }),
    },
  });
}

function toBigIntOrNull(value: string | null | undefined): bigint | null {
  return value === null || value === undefined ? null : BigInt(value);
}

/** One command's arguments, resolved against the transaction's inputs and earlier results. */
class Arguments {
  constructor(
    private readonly inputs: readonly CallArg[],
    private readonly args: readonly Argument[],
    private readonly results: readonly (HandoffSummary | undefined)[],
    private readonly command: number,
  ) {}

  expect(count: number): void {
    if (this.args.length !== count) {
      throw new ProgramArgumentError(`expected ${count} arguments, got ${this.args.length}`);
    }
  }

  pure<T>(position: number, type: { parse(bytes: Uint8Array): T; readonly name: string }): T {
    const input = this.input(position);
    const pure = (input as { Pure?: { bytes: string } }).Pure;
    if (pure === undefined) {
      throw new ProgramArgumentError(`argument ${position} must be a pure ${type.name}`);
    }
    try {
      return type.parse(Uint8Array.from(Buffer.from(pure.bytes, 'base64')));
    } catch {
      throw new ProgramArgumentError(`argument ${position} is not a valid ${type.name}`);
    }
  }

  object(position: number): string {
    const input = this.input(position) as {
      Object?: { ImmOrOwnedObject?: { objectId: string }; SharedObject?: { objectId: string } };
    };
    const id = input.Object?.ImmOrOwnedObject?.objectId ?? input.Object?.SharedObject?.objectId;
    if (id === undefined) {
      throw new ProgramArgumentError(`argument ${position} must be an object`);
    }
    return normalizeSuiAddress(id);
  }

  result(position: number): HandoffSummary {
    const arg = this.args[position];
    const from = arg?.Result ?? arg?.NestedResult?.[0];
    const value = from === undefined || from >= this.command ? undefined : this.results[from];
    if (value === undefined) {
      throw new ProgramArgumentError(`argument ${position} must be the result of new_handoff_summary`);
    }
    return value;
  }

  private input(position: number): CallArg {
    const index = this.args[position]?.Input;
    const input = index === undefined ? undefined : this.inputs[index];
    if (input === undefined) {
      throw new ProgramArgumentError(`argument ${position} must be a transaction input`);
    }
    return input;
  }
}

/** Everything a client of the local network calls: the ledger's reads, its faucet, and execution. */
export function registerDevnetRpc(
  server: GrpcWebServer,
  devnet: { readonly ledger: SuiLedger; readonly reports: ReportProgram; readonly faucet: GasFaucet },
): void {
  registerSuiRpc(server, devnet.ledger, { faucet: devnet.faucet });
  registerTransactionExecution(server, devnet.ledger, devnet.reports);
}
