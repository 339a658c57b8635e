package io.maskmill.export;

import java.util.ArrayList;
import java.util.List;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.Box;
import io.maskmill.imaging.CocoRle;
import io.maskmill.imaging.LabelMask;

/**
 * Splits a sample's semantic mask into instances. Each pasted object owns the pixels of its instance
 * mask that still carry its class in the final mask (later pastes cover earlier ones); what is left of
 * each class label is one scene instance (the generated object, or the imported dataset's region).
 * The final semantic mask is the truth: instance pixels never disagree with it.
 */
final class InstanceSplitter {
    /** The instance index map (0 none, 1..n instances, 255 ignore) and the instances in index order. */
    record Split(LabelMask indexMap, List<Instance> instances) {
    }

    private InstanceSplitter() {
    }

    static Split split(LabelMask semantic, List<PastedObject> pasted, List<String> classes) {
        byte[] labels = semantic.labels();
        int n = labels.length;
        // owner[i]: 0 = scene, k+1 = pasted object k
        int[] owner = new int[n];
        for (int k = 0; k < pasted.size(); k++) {
            int label = classes.indexOf(pasted.get(k).className()) + 1;
            byte[] m = pasted.get(k).mask().labels();
            for (int i = 0; i < n; i++) {
                if (m[i] != 0 && (labels[i] & 0xFF) == label) {
                    owner[i] = k + 1;
                }
            }
        }
        // group ids: scene instance per label (0..255), then pasted k at 256 + k
        int groups = 256 + pasted.size();
        int[] area = new int[groups];
        for (int i = 0; i < n; i++) {
            int label = labels[i] & 0xFF;
            if (LabelMask.isObject(label)) {
                area[owner[i] == 0 ? label : 255 + owner[i]]++;
            }
        }
        int[] indexOf = new int[groups];
        int next = 0;
        for (int g = 0; g < groups; g++) {
            if (area[g] > 0) {
                indexOf[g] = ++next;
            }
        }
        if (next > 254) {
            throw new InvalidInputException("the sample has " + next + " instances; SegmentationObject holds at most 254");
        }
        byte[] index = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = labels[i] & 0xFF;
            if (label == LabelMask.IGNORE) {
                index[i] = (byte) LabelMask.IGNORE;
            } else if (label != 0) {
                index[i] = (byte) indexOf[owner[i] == 0 ? label : 255 + owner[i]];
            }
        }
        LabelMask indexMap = new LabelMask(semantic.width(), semantic.height(), index);
        List<Instance> instances = new ArrayList<>(next);
        for (int g = 0; g < groups; g++) {
            if (area[g] > 0) {
                int k = indexOf[g];
                boolean isPasted = g >= 256;
                int label = isPasted ? classes.indexOf(pasted.get(g - 256).className()) + 1 : g;
                LabelMask binary = indexMap.select(k);
                Box box = binary.box(1);
                instances.add(new Instance(k, label, area[g], box, CocoRle.compress(CocoRle.encode(binary)), isPasted));
            }
        }
        return new Split(indexMap, instances);
    }
}
