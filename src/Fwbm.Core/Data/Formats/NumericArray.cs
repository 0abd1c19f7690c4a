using System.Globalization;

namespace Fwbm.Core.Data.Formats;

/// <summary>A file could not be read: names the file (and member/variable) and what is wrong with it.</summary>
public sealed class DataFormatException : FwbmException
{
    public DataFormatException(string file, string problem, Exception? inner = null)
        : base($"'{file}': {problem}", inner ?? new InvalidDataException(problem))
    {
        File = file;
        Problem = problem;
    }

    /// <summary>The file (and, after a colon, the member or variable) that is wrong.</summary>
    public string File { get; }
    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}

/// <summary>
/// An n-dimensional array of numbers read from a file, converted to double and stored in C (row-major) order whatever the
/// file's own layout (MATLAB and Fortran-ordered NumPy arrays are column-major on disk).
/// </summary>
public sealed class NumericArray
{
    public NumericArray(double[] data, IReadOnlyList<int> shape, string source, string? name = null, string dataType = "float64")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new DataFormatException(source, $"negative dimension {d} in shape {ShapeText(shape)}.");
            count *= d;
        }
        if (count != data.Length) throw new DataFormatException(source, $"{data.Length} values do not fill shape {ShapeText(shape)} ({count} values).");
        Data = data;
        Shape = shape.ToArray();
        Source = source;
        Name = name;
        DataType = dataType;
    }

    /// <summary>Values in C order.</summary>
    public double[] Data { get; }
    public IReadOnlyList<int> Shape { get; }
    /// <summary>The file (and member/variable) the array came from, for messages.</summary>
    public string Source { get; }
    /// <summary>Variable name (MAT, NPZ) when there is one.</summary>
    public string? Name { get; }
    /// <summary>The element type in the file (e.g. "int32", "&lt;f8", "logical").</summary>
    public string DataType { get; }

    public int Rank => Shape.Count;
    public int Length => Data.Length;

    /// <summary>Rows of a 2-D array (a 1-D array counts as one column).</summary>
    public int Rows => Rank == 0 ? 1 : Shape[0];
    /// <summary>Columns of a 2-D array (1 for a 1-D array).</summary>
    public int Columns => Rank >= 2 ? Shape[1] : 1;

    public double this[int row, int column] => Data[row * Columns + column];

    public string ShapeText() => ShapeText(Shape);

    internal static string ShapeText(IReadOnlyList<int> shape) => shape.Count == 0 ? "scalar" : string.Join("×", shape);

    /// <summary>The values of a square 2-D array (row-major); an error naming the file when it is not square.</summary>
    public double[] ToSquareMatrix(string what)
    {
        if (Rank != 2 || Shape[0] != Shape[1])
            throw new DataFormatException(Source, $"{what} is {ShapeText()}; expected a square N×N matrix.");
        return Data;
    }

    /// <summary>The values as a vector: any shape with at most one dimension larger than 1.</summary>
    public double[] ToVector(string what)
    {
        if (Shape.Count(d => d > 1) > 1)
            throw new DataFormatException(Source, $"{what} is {ShapeText()}; expected a vector (one row or one column).");
        return Data;
    }

    /// <summary>The 2-D transpose.</summary>
    public NumericArray Transpose()
    {
        if (Rank != 2) throw new DataFormatException(Source, $"cannot transpose an array of shape {ShapeText()}; expected 2-D.");
        int r = Shape[0], c = Shape[1];
        var t = new double[Data.Length];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
                t[j * r + i] = Data[i * c + j];
        return new NumericArray(t, [c, r], Source, Name, DataType);
    }

    /// <summary>Convert column-major (Fortran/MATLAB) data of the given shape into C order.</summary>
    internal static double[] ColumnMajorToRowMajor(double[] colMajor, IReadOnlyList<int> shape)
    {
        int rank = shape.Count;
        if (rank <= 1) return colMajor;
        var result = new double[colMajor.Length];
        if (rank == 2)
        {
            int r = shape[0], c = shape[1];
            for (int j = 0; j < c; j++)
                for (int i = 0; i < r; i++)
                    result[i * c + j] = colMajor[j * r + i];
            return result;
        }
        // General n-d: walk the column-major index and compute the row-major offset.
        var idx = new int[rank];
        var rowStride = new long[rank];
        rowStride[rank - 1] = 1;
        for (int k = rank - 2; k >= 0; k--) rowStride[k] = rowStride[k + 1] * shape[k + 1];
        for (long n = 0; n < colMajor.Length; n++)
        {
            long off = 0;
            for (int k = 0; k < rank; k++) off += idx[k] * rowStride[k];
            result[off] = colMajor[n];
            for (int k = 0; k < rank; k++)
            {
                if (++idx[k] < shape[k]) break;
                idx[k] = 0;
            }
        }
        return result;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name ?? "array"} {ShapeText()} {DataType} from {Source}");
}
