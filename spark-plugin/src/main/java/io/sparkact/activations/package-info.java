/**
 * Pure element-wise activations (no parameters to learn, no running state) as DL4J
 * {@link org.nd4j.linalg.activations.IActivation}s: ReLU family (relu, lrelu, relu6, lrelu6, a correct
 * rrelu), MobileNetV3's hard functions, smooth classics and PyTorch's shrink functions.
 *
 * <p>Each class declares its catalogue {@code NAME} and its parameters ({@code PARAMS}, as
 * {@link io.sparkact.params.Param} constants) once. Reference semantics are PyTorch's and the cited papers';
 * the derivative at a kink follows one documented rule: at a ReLU-like kink at 0 the slope of the negative
 * side, at a cap (±1, 6, ±λ, ±3 of h-swish and h-sigmoid) the slope of the outer piece.
 *
 * <p>Most functions are written once as a scalar f(x) and f′(x) in a
 * {@link io.sparkact.activations.PointwiseActivation}, which runs them over the array's native buffer in bulk
 * chunks; the exponential ones (sigmoid, tanh, swish, softplus, elu, selu) are
 * {@link io.sparkact.activations.ExpActivation}s, whose float arrays take e^a from ND4J's native exp op and the
 * rest from vectorised Java passes. Of ND4J's activation ops only relu's forward pass is used, the one checked
 * to be exactly right (ND4J's leaky-relu gradient at 0, ReLU6 gradient at 6, HARDTANH and HARDSIGMOID differ
 * from the conventions here, and its float sigmoid/tanh derivatives lose digits).
 */
package io.sparkact.activations;
