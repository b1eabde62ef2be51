namespace Huella.Biometrics.Extraction;

/// <summary>
/// The skeleton as a graph: nodes are ridge endings and branch points (adjacent branch pixels merged
/// into one node), edges are the ridges traced between them. False-minutia rules read the graph:
/// a short edge says spur, bridge or fragment far more reliably than distances alone.
/// </summary>
internal sealed class SkeletonGraph
{
    private SkeletonGraph(List<SkeletonNode> nodes) => Nodes = nodes;

    public List<SkeletonNode> Nodes { get; }

    public static SkeletonGraph Build(BinaryImage skeleton)
    {
        var pixels = skeleton.Pixels;
        var nodeOf = new int[pixels.Length];
        Array.Fill(nodeOf, -1);
        var nodes = new List<SkeletonNode>();
        var offsets = skeleton.NeighbourOffsets();

        // Endings and branch points; branch pixels touching each other form one node.
        var stack = new Stack<int>();
        for (var i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] == 0 || nodeOf[i] >= 0)
            {
                continue;
            }

            var groups = Thinner.Components[skeleton.Neighbours(i)];
            if (groups == 2)
            {
                continue;
            }

            if (groups == 0)
            {
                pixels[i] = 0;
                continue;
            }

            var node = new SkeletonNode(nodes.Count, groups == 1);
            nodes.Add(node);
            nodeOf[i] = node.Id;
            node.Pixels.Add(i);
            if (node.IsEnding)
            {
                continue;
            }

            stack.Push(i);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                foreach (var o in offsets)
                {
                    var q = p + o;
                    if (pixels[q] != 0 && nodeOf[q] < 0 && Thinner.Components[skeleton.Neighbours(q)] >= 3)
                    {
                        nodeOf[q] = node.Id;
                        node.Pixels.Add(q);
                        stack.Push(q);
                    }
                }
            }
        }

        var stamp = new int[pixels.Length];
        foreach (var node in nodes)
        {
            long sx = 0, sy = 0;
            foreach (var p in node.Pixels)
            {
                sx += skeleton.XOf(p);
                sy += skeleton.YOf(p);
            }

            node.X = (float)sx / node.Pixels.Count;
            node.Y = (float)sy / node.Pixels.Count;
            foreach (var p in node.Pixels)
            {
                foreach (var o in offsets)
                {
                    var start = p + o;
                    if (pixels[start] == 0 || nodeOf[start] == node.Id || stamp[start] == node.Id + 1)
                    {
                        continue;
                    }

                    node.Edges.Add(Trace(skeleton, nodeOf, stamp, node, p, start, offsets));
                }
            }
        }

        return new SkeletonGraph(nodes);
    }

    private static SkeletonEdge Trace(BinaryImage skeleton, int[] nodeOf, int[] stamp, SkeletonNode origin, int from, int start, int[] offsets)
    {
        var pixels = skeleton.Pixels;
        var mark = origin.Id + 1;
        var previous = from;
        var current = start;
        var length = 1;
        var directionPixel = start;
        while (true)
        {
            stamp[current] = mark;
            if (length <= EngineParameters.DirectionTraceLength)
            {
                directionPixel = current;
            }

            if (nodeOf[current] >= 0)
            {
                return new SkeletonEdge(nodeOf[current], length, skeleton.XOf(directionPixel), skeleton.YOf(directionPixel));
            }

            if (length >= EngineParameters.MaxTraceLength)
            {
                return new SkeletonEdge(-1, length, skeleton.XOf(directionPixel), skeleton.YOf(directionPixel));
            }

            var next = -1;
            var nextRank = -1;
            foreach (var o in offsets)
            {
                var q = current + o;
                if (pixels[q] == 0 || q == previous || stamp[q] == mark)
                {
                    continue;
                }

                // Right after leaving a branch node its other pixels are still adjacent: not a way on.
                if (nodeOf[q] == origin.Id && length < 3)
                {
                    continue;
                }

                // A node beats a plain pixel, a 4-neighbour beats a diagonal one.
                var rank = (nodeOf[q] >= 0 ? 2 : 0) + (o == 1 || o == -1 || o == skeleton.Stride || o == -skeleton.Stride ? 1 : 0);
                if (rank > nextRank)
                {
                    next = q;
                    nextRank = rank;
                }
            }

            if (next < 0)
            {
                return new SkeletonEdge(-1, length, skeleton.XOf(directionPixel), skeleton.YOf(directionPixel));
            }

            previous = current;
            current = next;
            length++;
        }
    }
}

internal sealed class SkeletonNode(int id, bool isEnding)
{
    public int Id { get; } = id;

    public bool IsEnding { get; } = isEnding;

    public List<int> Pixels { get; } = [];

    public List<SkeletonEdge> Edges { get; } = [];

    public float X { get; set; }

    public float Y { get; set; }
}

/// <summary>A traced ridge: where it ends (node id, or −1 when it ran past the trace limit), its length, and a pixel a fixed distance along it.</summary>
internal readonly record struct SkeletonEdge(int Target, int Length, int DirectionX, int DirectionY);
