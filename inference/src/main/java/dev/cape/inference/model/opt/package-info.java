/** Adapter for OPT: learned positions with offset 2, ReLU MLP, pre-LN or post-LN blocks, optional project_in/out. */
package dev.cape.inference.model.opt;
