using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Steward.Core.Alignment.Statistics;

namespace Steward.Core.Alignment.Data;

/// <summary>
/// A CSV file whose columns are all numbers, read straight from UTF-8 into one double array per column
/// (empty cells are missing values and left out, as pandas' NaN that drift drops and DuckDB's NULL).
/// <see cref="TryRead"/> takes only files that every CSV reader reads the same way — a header of plain
/// names, ',' between cells, plain decimal numbers (see <see cref="CsvNumberParser"/>), optionally in
/// double quotes, LF or CRLF line ends, the same number of cells on every line — and returns null for
/// anything else (another delimiter, a text, date or boolean cell, a ragged or empty line, a column
/// whose type DuckDB's sniffer would decide differently, more rows than <c>maxRows</c>), so that the
/// caller hands the file to DuckDB's general reader, which types it and reports its errors as before.
/// Memory: the values (8 bytes each) and one read buffer; lines are bounded by the buffer. Given a
/// <see cref="SpillFolder"/>, a file of more than <c>runRows</c> rows is sorted externally: every
/// <c>runRows</c> rows each column is radix-sorted and written to the folder as a run (<see cref="Runs"/>),
/// so memory stays that of one run whatever the row count.
/// </summary>
internal sealed class CsvNumericTable
{
    /// <summary>
    /// Rows DuckDB's type sniffer surely reads (its sample is 20,480 rows; the first vector of 2,048 is
    /// certain): a column whose first value, or first non-integer, comes later would be typed
    /// differently by DuckDB (text, or integer then failing), so such a file is left to DuckDB.
    /// </summary>
    internal const int SniffRows = 2048;

    private const int BufferBytes = 1 << 20;
    private const byte Comma = (byte)',';
    private const byte Quote = (byte)'"';

    private CsvNumericTable(IReadOnlyList<string> names, double[][] values, int[] counts, bool[] integer, long rows, List<SpilledRun>[]? runs)
    {
        Names = names;
        Values = values;
        Counts = counts;
        Integer = integer;
        Rows = rows;
        Runs = runs;
    }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Per column, its values in file order; only the first <see cref="Counts"/> entries are used.</summary>
    public double[][] Values { get; }

    public int[] Counts { get; }

    /// <summary>Per column, whether every value was written as an integer (DuckDB types it BIGINT).</summary>
    public bool[] Integer { get; }

    /// <summary>Data rows (lines after the header).</summary>
    public long Rows { get; }

    /// <summary>
    /// Per column, its values as sorted runs on disk when the file was larger than one run; null when the
    /// values are in <see cref="Values"/> (then empty arrays).
    /// </summary>
    public IReadOnlyList<SpilledRun>[]? Runs { get; }

    /// <summary>
    /// Reads <paramref name="path"/>; null when the file is not a plain numeric CSV of at most <paramref name="maxRows"/>
    /// rows, or has more than <paramref name="runRows"/> rows and no <paramref name="spill"/> folder is given.
    /// </summary>
    public static CsvNumericTable? TryRead(string path, long maxRows, int runRows = int.MaxValue, SpillFolder? spill = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return TryRead(stream, stream.Length, maxRows, runRows, spill);
    }

    /// <summary>Reads a stream of <paramref name="length"/> bytes (-1: unknown); null as for <see cref="TryRead(string, long, int, SpillFolder)"/>.</summary>
    internal static CsvNumericTable? TryRead(Stream stream, long length, long maxRows, int runRows = int.MaxValue, SpillFolder? spill = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runRows, 1);
        try
        {
            return new Reader(stream, length, maxRows, (int)Math.Min(runRows, Math.Max(1, Math.Min(maxRows, int.MaxValue))), spill).Read();
        }
        catch (NotPlainNumericException)
        {
            return null;
        }
    }

    private sealed class Reader(Stream stream, long length, long maxRows, int runRows, SpillFolder? spill)
    {
        private readonly byte[] _buffer = new byte[BufferBytes];
        private int _start;
        private int _end;
        private bool _eof;
        private long _consumedBytes;
        private double[][] _values = [];
        private int[] _counts = [];
        private int[] _firstValueRow = [];
        private int[] _firstFractionRow = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public CsvNumericTable? Read()
        {
            if (!NextLine(out var header)) return null;
            if (header.StartsWith("\uFEFF"u8)) header = header[3..];
            var names = HeaderNames(header);
            if (names is null) return null;
            var columns = names.Count;
            var capacity = Math.Min(4096, runRows);
            _values = new double[columns][];
            for (var c = 0; c < columns; c++) _values[c] = GC.AllocateUninitializedArray<double>(capacity);
            _counts = new int[columns];
            _firstValueRow = new int[columns];
            _firstFractionRow = new int[columns];
            Array.Fill(_firstValueRow, -1);
            Array.Fill(_firstFractionRow, -1);

            long rows = 0;
            var chunk = 0;
            List<SpilledRun>[]? runs = null;
            while (NextLine(out var line))
            {
                if (rows == maxRows) return null;
                if (chunk == runRows)
                {
                    // A full run: sorted and written out, the arrays then take the next run.
                    if (spill is null) return null;
                    runs ??= NewRuns(columns);
                    Spill(runs, columns);
                    chunk = 0;
                }
                else if (chunk == capacity)
                {
                    capacity = NewCapacity(capacity, rows);
                    if (capacity <= chunk) return null;
                    for (var c = 0; c < columns; c++)
                    {
                        // Not zeroed first: every entry up to the count is written before it is read.
                        var grown = GC.AllocateUninitializedArray<double>(capacity);
                        _values[c].AsSpan(0, _counts[c]).CopyTo(grown);
                        _values[c] = grown;
                    }
                }
                if (!ParseRow(line, (int)Math.Min(rows, int.MaxValue), columns)) return null;
                rows++;
                chunk++;
            }
            if (rows == 0) return null;

            var integer = new bool[columns];
            for (var c = 0; c < columns; c++)
            {
                // A column DuckDB's sample sees no value in is text to it; one whose fractions start
                // after the sample is an integer column to it that later fails to convert.
                if (_firstValueRow[c] < 0 || _firstValueRow[c] >= SniffRows) return null;
                if (_firstFractionRow[c] >= SniffRows) return null;
                integer[c] = _firstFractionRow[c] < 0;
            }
            if (runs is not null)
            {
                // The last, partial run too: every value is then on disk, and the arrays are let go.
                Spill(runs, columns);
                return new CsvNumericTable(names, [.. Enumerable.Repeat(Array.Empty<double>(), columns)], new int[columns], integer, rows, runs);
            }
            return new CsvNumericTable(names, _values, _counts, integer, rows, null);
        }

        private static List<SpilledRun>[] NewRuns(int columns)
        {
            var runs = new List<SpilledRun>[columns];
            for (var c = 0; c < columns; c++) runs[c] = [];
            return runs;
        }

        /// <summary>Sorts each column's values of the run in place, writes them to the spill folder and empties the column.</summary>
        private void Spill(List<SpilledRun>[] runs, int columns)
        {
            var scratch = ArrayPool<ulong>.Shared.Rent(Math.Max(1, _counts.Max()));
            try
            {
                for (var c = 0; c < columns; c++)
                {
                    if (_counts[c] == 0) continue;
                    var values = _values[c].AsSpan(0, _counts[c]);
                    DoubleRadixSort.Sort(values, scratch);
                    runs[c].Add(spill!.Write(values));
                    _counts[c] = 0;
                }
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(scratch);
            }
        }

        /// <summary>
        /// Grows the column arrays: to the row count the file's length suggests (from the bytes per line
        /// so far), or double; a file that will clearly exceed the row limit is given up early.
        /// </summary>
        private int NewCapacity(int capacity, long rows)
        {
            if (length > 0 && _consumedBytes > 0)
            {
                var estimate = (double)length / _consumedBytes * rows;
                if (estimate > maxRows * 1.25) return 0;
                var target = (long)(estimate * 1.02) + 1024;
                if (target > capacity) return (int)Math.Min(target, runRows);
            }
            return (int)Math.Min((long)capacity * 2, runRows);
        }

        /// <summary>The next line without its LF or CRLF; false at the end of the data or on a line that does not fit the buffer.</summary>
        private bool NextLine(out ReadOnlySpan<byte> line)
        {
            while (true)
            {
                var available = _buffer.AsSpan(_start, _end - _start);
                var newline = available.IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    line = available[..newline];
                    _start += newline + 1;
                    _consumedBytes += newline + 1;
                    if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
                    return true;
                }
                if (_eof)
                {
                    line = available;
                    _start = _end;
                    _consumedBytes += available.Length;
                    return line.Length > 0;
                }
                if (_start == 0 && _end == _buffer.Length)
                {
                    // A line longer than the buffer: not a row of numbers; DuckDB reads (or rejects) it.
                    throw new NotPlainNumericException();
                }
                Fill();
            }
        }

        private void Fill()
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            while (_end < _buffer.Length)
            {
                var read = stream.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    _eof = true;
                    return;
                }
                _end += read;
            }
        }

        // Optimised at once: a whole-process run is over before tiered compilation would get to it.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool ParseRow(ReadOnlySpan<byte> line, int row, int columns)
        {
            if (line.Length == 0) return false;
            var position = 0;
            // Locals, not fields, in the loop: the JIT then keeps them in registers.
            var values = _values;
            var counts = _counts;
            var firstValueRow = _firstValueRow;
            var firstFractionRow = _firstFractionRow;
            for (var c = 0; c < columns; c++)
            {
                if (c > 0)
                {
                    if (position >= line.Length || line[position] != Comma) return false;
                    position++;
                }
                double value;
                bool isInteger;
                if (position < line.Length && line[position] == Quote)
                {
                    var close = line[(position + 1)..].IndexOf(Quote);
                    if (close < 0) return false;
                    var quoted = line.Slice(position + 1, close);
                    position += close + 2;
                    if (quoted.Length == 0) return false; // "" is text to DuckDB, not a missing number
                    if (!CsvNumberParser.TryParse(quoted, out value, out isInteger)) return false;
                }
                else
                {
                    if (position == line.Length || line[position] == Comma) continue; // missing value
                    // The number is parsed where it stands; the cell must end right after it.
                    if (!CsvNumberParser.TryParsePrefix(line[position..], out value, out isInteger, out var consumed)) return false;
                    position += consumed;
                    if (position < line.Length && line[position] != Comma) return false;
                }
                if (firstValueRow[c] < 0) firstValueRow[c] = row;
                if (!isInteger && firstFractionRow[c] < 0) firstFractionRow[c] = row;
                values[c][counts[c]++] = value;
            }
            return position == line.Length;
        }

        /// <summary>The header's names, or null when they are not plain names every reader takes alike.</summary>
        private static List<string>? HeaderNames(ReadOnlySpan<byte> header)
        {
            if (header.Length == 0 || header.IndexOfAny((byte)';', (byte)'\t', (byte)'|') >= 0) return null;
            var names = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
            var position = 0;
            while (true)
            {
                ReadOnlySpan<byte> cell;
                if (position < header.Length && header[position] == Quote)
                {
                    // A quoted name may hold commas; a doubled quote inside is left to DuckDB.
                    var close = header[(position + 1)..].IndexOf(Quote);
                    if (close < 0) return null;
                    cell = header.Slice(position + 1, close);
                    position += close + 2;
                }
                else
                {
                    var comma = header[position..].IndexOf(Comma);
                    var end = comma < 0 ? header.Length : position + comma;
                    cell = header[position..end];
                    position = end;
                    if (cell.IndexOf(Quote) >= 0) return null;
                }
                string name;
                try
                {
                    name = utf8.GetString(cell);
                }
                catch (DecoderFallbackException)
                {
                    return null;
                }
                if (!IsPlainName(name) || !seen.Add(name)) return null;
                names.Add(name);
                if (position == header.Length) return names;
                if (header[position] != Comma) return null;
                position++;
            }
        }

        /// <summary>
        /// A name DuckDB keeps as written and that no reader could take for a number: it starts with a
        /// letter or '_', has no control character or outer space, and is not "inf", "nan" or the like.
        /// </summary>
        private static bool IsPlainName(string name)
        {
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_')) return false;
            if (char.IsWhiteSpace(name[^1])) return false;
            foreach (var ch in name)
                if (char.IsControl(ch)) return false;
            return name.ToLowerInvariant() is not ("inf" or "infinity" or "nan" or "null" or "true" or "false");
        }
    }

    /// <summary>Thrown inside the reader when the file turns out not to be a plain numeric CSV; caught by <see cref="TryRead(string, int)"/>.</summary>
    private sealed class NotPlainNumericException : Exception;
}
