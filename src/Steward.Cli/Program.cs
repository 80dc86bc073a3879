using System.Text;
using Steward.Cli;

// The console's own writer passes text on in pieces of 256 bytes, a system call each: the JSON report
// of a check at 50,000 objects (tens of megabytes) took hundreds of thousands of them. This writer
// flushes after every write as the console's does (nothing is held back, nothing is reordered with
// standard error), in pieces of up to 64 KiB. Only for UTF-8 output (what Linux consoles use), without
// a byte-order mark, as the console's.
if (Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage)
    Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { AutoFlush = true });

// One command, then the process exits: batch commands may pause collections (BatchAllocationRegion).
BatchAllocationRegion.ProcessRunsOneCommand = true;
return await StewardApp.RunAsync(args, Console.Out, Console.Error);
