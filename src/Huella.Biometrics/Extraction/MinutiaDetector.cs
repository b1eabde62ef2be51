namespace Huella.Biometrics.Extraction;

/// <summary>
/// Reads minutiae off the skeleton graph and removes the false ones: fragments, spurs, bridges,
/// holes, broken ridges, minutiae at the edge of the print, in unclear areas, or in clusters.
/// </summary>
internal static class MinutiaDetector
{
    public static List<Minutia> Detect(SkeletonGraph graph, BlockMask mask, OrientationField field, float[] clarity)
    {
        var nodes = graph.Nodes;
        var removed = new bool[nodes.Count];
        var candidate = new bool[nodes.Count];
        foreach (var node in nodes)
        {
            candidate[node.Id] = node.IsEnding ? node.Edges.Count == 1 : node.Edges.Count == 3;
        }

        foreach (var node in nodes)
        {
            foreach (var edge in node.Edges)
            {
                if (edge.Target < 0)
                {
                    continue;
                }

                var other = nodes[edge.Target];
                if (other.Id == node.Id)
                {
                    if (edge.Length < EngineParameters.MaxLoopLength)
                    {
                        removed[node.Id] = true;
                    }

                    continue;
                }

                var limit = (node.IsEnding, other.IsEnding) switch
                {
                    (true, true) => EngineParameters.MinFragmentLength,
                    (false, false) => EngineParameters.MinBridgeLength,
                    _ => EngineParameters.MinSpurLength,
                };
                if (edge.Length < limit)
                {
                    removed[node.Id] = true;
                    removed[other.Id] = true;
                }
            }

            if (!node.IsEnding)
            {
                // Two short ridges joining the same pair of branch points enclose a hole.
                for (var a = 0; a < node.Edges.Count; a++)
                {
                    for (var b = a + 1; b < node.Edges.Count; b++)
                    {
                        var ea = node.Edges[a];
                        var eb = node.Edges[b];
                        if (ea.Target >= 0 && ea.Target == eb.Target && ea.Target != node.Id
                            && ea.Length < EngineParameters.MaxLakeLength && eb.Length < EngineParameters.MaxLakeLength)
                        {
                            removed[node.Id] = true;
                            removed[ea.Target] = true;
                        }
                    }
                }
            }
        }

        var found = new List<(Minutia Minutia, float Coherence)>();
        foreach (var node in nodes)
        {
            if (!candidate[node.Id] || removed[node.Id])
            {
                continue;
            }

            var block = mask.Grid.BlockOf((int)node.X, (int)node.Y);
            var coherence = field.Coherence[block];
            if (coherence < EngineParameters.MinMinutiaCoherence || clarity[block] < EngineParameters.MinMinutiaClarity
                || mask.NearEdge(node.X, node.Y, EngineParameters.BorderDistance))
            {
                continue;
            }

            var direction = node.IsEnding ? EndingDirection(node) : BifurcationDirection(node);

            // The orientation field is smoother than a 12-pixel trace; the trace only says which way along it.
            var ridge = field.Angle[block];
            direction = AngleBetween(ridge, direction) <= MathF.PI / 2 ? Normalize(ridge) : Normalize(ridge + MathF.PI);

            var quality = (byte)Math.Clamp((int)MathF.Round(Math.Min(1, clarity[block]) * coherence * 100), 0, 100);
            found.Add((new Minutia((int)MathF.Round(node.X), (int)MathF.Round(node.Y), direction,
                node.IsEnding ? MinutiaType.Ending : MinutiaType.Bifurcation, quality), coherence));
        }

        var drop = new bool[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            var a = found[i].Minutia;
            var close = 0;
            for (var j = 0; j < found.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var b = found[j].Minutia;
                float dx = b.X - a.X, dy = b.Y - a.Y;
                var distance = MathF.Sqrt((dx * dx) + (dy * dy));
                if (distance < EngineParameters.ClusterRadius)
                {
                    close++;
                }

                // Broken ridge: two endings close together, each pointing at the other.
                if (j > i && a.Type == MinutiaType.Ending && b.Type == MinutiaType.Ending && distance < EngineParameters.MaxGapLength)
                {
                    var towards = MathF.Atan2(dy, dx);
                    if (AngleBetween(a.Direction, towards) < EngineParameters.GapAngleTolerance
                        && AngleBetween(b.Direction, towards + MathF.PI) < EngineParameters.GapAngleTolerance)
                    {
                        drop[i] = true;
                        drop[j] = true;
                    }
                }
            }

            if (close >= EngineParameters.ClusterSize)
            {
                drop[i] = true;
            }
        }

        var result = new List<Minutia>();
        for (var i = 0; i < found.Count; i++)
        {
            if (!drop[i])
            {
                result.Add(found[i].Minutia);
            }
        }

        if (result.Count > EngineParameters.MaxMinutiae)
        {
            // Stable: equal quality keeps detection order, so extraction stays deterministic.
            result = [.. result.OrderByDescending(m => m.Quality).Take(EngineParameters.MaxMinutiae)];
        }

        return result;
    }

    private static float EndingDirection(SkeletonNode node)
    {
        var edge = node.Edges[0];
        return Normalize(MathF.Atan2(node.Y - edge.DirectionY, node.X - edge.DirectionX));
    }

    private static float BifurcationDirection(SkeletonNode node)
    {
        Span<float> angles = stackalloc float[3];
        for (var k = 0; k < 3; k++)
        {
            angles[k] = MathF.Atan2(node.Node(k).DirectionY - node.Y, node.Node(k).DirectionX - node.X);
        }

        // The two branches closest in angle run side by side; the third leads away from them.
        var lone = 0;
        var best = float.MaxValue;
        for (var k = 0; k < 3; k++)
        {
            var gap = AngleBetween(angles[(k + 1) % 3], angles[(k + 2) % 3]);
            if (gap < best)
            {
                best = gap;
                lone = k;
            }
        }

        return Normalize(angles[lone]);
    }

    private static SkeletonEdge Node(this SkeletonNode node, int k) => node.Edges[k];

    public static float AngleBetween(float a, float b)
    {
        var d = MathF.Abs(a - b) % (2 * MathF.PI);
        return d > MathF.PI ? (2 * MathF.PI) - d : d;
    }

    public static float Normalize(float angle)
    {
        var a = angle % (2 * MathF.PI);
        return a < 0 ? a + (2 * MathF.PI) : (a >= 2 * MathF.PI ? 0 : a);
    }
}
