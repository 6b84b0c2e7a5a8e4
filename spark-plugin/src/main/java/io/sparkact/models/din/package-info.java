/**
 * The graph vertices of the Deep Interest Network (Zhou et al., "Deep Interest Network for Click-Through
 * Rate Prediction", KDD 2018), classic DL4J route (configuration + runtime, hand-written backprop; no
 * SameDiff: STACK.md). Both read the output of the shared embedding layer over the categorical input
 * {@code [b, nCat + L·k]}, i.e. {@code [b, nCat + L·k, dim]} (NWC), laid out as {@link SequenceLayout} says:
 * <ul>
 *   <li>{@link io.sparkact.models.din.BehaviourPairVertex}: the input of the local activation unit, one row
 *       per (example, behaviour position): {@code [e_j, c, e_j − c, e_j ⊙ c]};</li>
 *   <li>{@link io.sparkact.models.din.InterestPoolVertex}: the field embeddings flattened, followed by the
 *       behaviours pooled by a masked weighted sum (DIN: the activation unit's outputs, no softmax) or by a
 *       masked plain sum (the dnn baseline).</li>
 * </ul>
 */
package io.sparkact.models.din;
